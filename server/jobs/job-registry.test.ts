import pino from "pino";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineJob, InvalidJobPayloadError, type JobRegistry, runRegisteredJob } from "./job-registry";

const meta = { jobId: "42", attempt: 1, maxAttempts: 10, signal: new AbortController().signal };
const log = pino({ level: "silent" });

function registry(handle = vi.fn(async () => {})): { registry: JobRegistry; handle: typeof handle } {
  return {
    handle,
    registry: { greet: defineJob({ payload: z.object({ id: z.string() }).strict(), handle }) },
  };
}

describe("runRegisteredJob", () => {
  it("parses the payload and hands it to the task's handler with the job's attempt", async () => {
    const { registry: r, handle } = registry();
    await runRegisteredJob(r, "greet", { id: "e1" }, meta, log);
    expect(handle).toHaveBeenCalledWith({ id: "e1" }, expect.objectContaining({ jobId: "42", attempt: 1 }));
  });

  it("completes a job of an unknown task without running anything", async () => {
    const { registry: r, handle } = registry();
    await expect(runRegisteredJob(r, "toString", { id: "e1" }, meta, log)).resolves.toBeUndefined();
    expect(handle).not.toHaveBeenCalled();
  });

  it("fails a job whose payload does not match the schema, without running the handler", async () => {
    const { registry: r, handle } = registry();
    await expect(runRegisteredJob(r, "greet", { id: 1, extra: true }, meta, log)).rejects.toBeInstanceOf(
      InvalidJobPayloadError,
    );
    expect(handle).not.toHaveBeenCalled();
  });

  it("lets a handler's failure through, so the queue retries it", async () => {
    const { registry: r } = registry(vi.fn(async () => Promise.reject(new Error("transient"))));
    await expect(runRegisteredJob(r, "greet", { id: "e1" }, meta, log)).rejects.toThrow("transient");
  });
});
