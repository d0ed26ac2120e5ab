import { describe, expect, it } from "vitest";
import { csvCell, csvHeader, csvRow, exportFileName, jsonlRow } from "./audit-export-format";
import type { AuditLogView } from "./audit-log-views";

const row: AuditLogView = {
  id: "7f0c1c54-3c1e-4d0e-9f5e-8d4a3b2c1d0e",
  created_at: "2026-12-08T13:20:00.123456Z",
  action: "vm.stop",
  actor_id: "u1",
  actor_name: 'Ann "the admin", ops',
  resource_type: "vm",
  resource_id: "vm-1",
  resource_name: '=HYPERLINK("http://x")',
  parent_type: null,
  parent_id: null,
  environment: "prod",
  outcome: "failure",
  details: { error_code: "K8S_TIMEOUT", reason: "line1\nline2" },
  ip_address: "203.0.113.9",
  user_agent: null,
  correlation_id: null,
};

describe("csvCell (RFC 4180)", () => {
  it("leaves plain text alone and writes null as an empty field", () => {
    expect(csvCell("vm.stop")).toBe("vm.stop");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });
  it("quotes fields with a comma, quote, CR or LF and doubles the quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("a\nb")).toBe('"a\nb"');
    expect(csvCell("a\rb")).toBe('"a\rb"');
  });
  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=1+2")).toBe("'=1+2");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell('=HYPERLINK("x",1)')).toBe('"\'=HYPERLINK(""x"",1)"');
    expect(csvCell("a=b")).toBe("a=b");
  });
  it("writes objects as JSON", () => {
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });
});

describe("rows", () => {
  it("a CSV row has one field per header column, CRLF-terminated", () => {
    expect(csvHeader()).toBe(
      "created_at,action,outcome,actor_id,actor_name,resource_type,resource_id,resource_name,parent_type,parent_id,environment,ip_address,user_agent,correlation_id,details\r\n",
    );
    expect(csvRow(row)).toBe(
      '2026-12-08T13:20:00.123456Z,vm.stop,failure,u1,"Ann ""the admin"", ops",vm,vm-1,"\'=HYPERLINK(""http://x"")",,,prod,203.0.113.9,,,"{""error_code"":""K8S_TIMEOUT"",""reason"":""line1\\nline2""}"\r\n',
    );
  });
  it("a JSON Lines row is one JSON object and a newline", () => {
    const line = jsonlRow(row);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
    expect(JSON.parse(line)).toEqual(row);
  });
  it("names the file by format and time", () => {
    expect(exportFileName("csv", new Date("2026-12-08T13:20:00.999Z"))).toBe(
      "shepherd-audit-20261208T132000Z.csv",
    );
  });
});
