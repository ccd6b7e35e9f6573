// Drives a harvestkit MCP server with the official TypeScript MCP client, the way hosts
// built on it (Claude Desktop, Claude Code, Cursor, VS Code, the MCP Inspector) do: it
// lists the tools (which compiles every output schema) and makes the calls of a plan,
// with the client's default options. Every call's outcome is reported; an exception the
// client throws (a result it rejects, a timeout) is recorded, never fatal.
//
// Usage: node drive.mjs PLAN.json  (the report is printed on stdout as JSON)
//
// PLAN: {"transport": "stdio", "command": "...", "args": [...], "env": {...}}
//    or {"transport": "http", "url": "http://127.0.0.1:PORT/mcp"}
//   plus "calls": [{"id": "...", "tool": "...", "arguments": {...}, "progress": bool,
//                   "resume": ["job", "job"]}]
//   and optionally "timeout_ms" (the client's default is 60 s; scaled tests scale it).
// A call with "resume": [field, argument] is made again with its result's
// structuredContent[field] as `argument` until the result no longer carries one
// (["job", "job"] continues an import, ["next_cursor", "cursor"] follows a list).
import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));

function transportFor(plan) {
  if (plan.transport === "stdio") {
    return new StdioClientTransport({
      command: plan.command,
      args: plan.args,
      env: plan.env,
      stderr: "ignore",
    });
  }
  return new StreamableHTTPClientTransport(new URL(plan.url));
}

function text(result) {
  return (result.content || [])
    .filter((block) => block.type === "text")
    .map((block) => block.text)
    .join("\n");
}

async function call(client, spec) {
  const progress = [];
  const options = {};
  if (spec.progress) {
    options.onprogress = (p) => progress.push({ progress: p.progress, total: p.total, message: p.message });
  }
  if (plan.timeout_ms) options.timeout = plan.timeout_ms;
  const started = Date.now();
  try {
    const result = await client.callTool({ name: spec.tool, arguments: spec.arguments }, undefined, options);
    return {
      id: spec.id,
      tool: spec.tool,
      exception: null,
      is_error: Boolean(result.isError),
      structured: result.structuredContent ?? null,
      text: text(result).slice(0, 2000),
      bytes: JSON.stringify(result).length,
      progress,
      seconds: (Date.now() - started) / 1000,
    };
  } catch (error) {
    return {
      id: spec.id,
      tool: spec.tool,
      exception: `${error?.name}: ${error?.message}`,
      is_error: null,
      structured: null,
      text: "",
      bytes: 0,
      progress,
      seconds: (Date.now() - started) / 1000,
    };
  }
}

async function main() {
  const client = new Client({ name: "harvestkit-ts-client-test", version: "1.0.0" });
  await client.connect(transportFor(plan));
  const report = { protocol: client.getServerVersion()?.name ?? null, listed: [], calls: [] };
  try {
    const listed = await client.listTools();
    report.listed = listed.tools.map((tool) => tool.name);
    report.list_bytes = JSON.stringify(listed).length;
    for (const spec of plan.calls) {
      let outcome = await call(client, spec);
      report.calls.push(outcome);
      const [field, argument] = spec.resume || [];
      while (field && outcome.structured && outcome.structured[field]) {
        const again = { ...spec, arguments: { ...spec.arguments, [argument]: outcome.structured[field] } };
        outcome = await call(client, again);
        report.calls.push(outcome);
      }
    }
  } finally {
    await client.close();
  }
  process.stdout.write(JSON.stringify(report));
}

main().catch((error) => {
  process.stderr.write(`${error?.stack || error}\n`);
  process.exit(1);
});
