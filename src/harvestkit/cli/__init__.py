"""The `harvestkit` command line."""
