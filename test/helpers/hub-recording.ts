import { readFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { FIXTURES } from "./hub-simulator.mjs";
import { buildSafetensorsHeader } from "./safetensors-header.mjs";

/** The origins recordings use (scripts/record-hub-fixtures.mjs rewrites the simulator's to these). */
export const HUB = "https://huggingface.co";
export const CDN = "https://cdn-lfs-us-1.hf.co";
/** A fixture token: recordings of gated repos were made with it. Not a real token. */
export const FIXTURE_TOKEN = "hf_modelcheckFixtureToken0000000000";

export interface Exchange {
  scope: string;
  method: string;
  path: string;
  reqheaders: Record<string, string>;
  status: number;
  headers: Record<string, string>;
  response: string | { $file: string; range?: [number, number] } | { $safetensors: string; range: [number, number] };
}

export function fixtureDir(repo: string): string {
  return join(FIXTURES, repo.replace("/", "--"));
}

export function loadRecording(repo: string, file = "recording.json"): Exchange[] {
  return JSON.parse(readFileSync(join(fixtureDir(repo), file), "utf8")) as Exchange[];
}

/** The body bytes of an exchange: text as recorded, fixture file bytes, or safetensors header bytes built from tensors.json. */
export function exchangeBody(repo: string, response: Exchange["response"]): Buffer {
  if (typeof response === "string") return Buffer.from(response);
  if ("$file" in response) {
    const bytes = readFileSync(join(fixtureDir(repo), response.$file));
    return response.range ? bytes.subarray(response.range[0], response.range[1] + 1) : bytes;
  }
  const tensors = JSON.parse(readFileSync(join(fixtureDir(repo), "tensors.json"), "utf8"))[response.$safetensors];
  const { bytes } = buildSafetensorsHeader(tensors);
  const [start, end] = response.range;
  // Past the header a file holds weights: a recording that asks for them must fail loudly.
  if (end >= bytes.length) throw new Error(`recording asks for weight bytes of ${response.$safetensors} (${start}-${end})`);
  return Buffer.from(bytes.subarray(start, end + 1));
}

/**
 * Mount a recording on nock: one interceptor per request, used once. Each must be matched exactly:
 * path and query, `Range` (and its absence), `Accept` where recorded; no `Authorization` to the
 * CDN ever, and on the Hub only the given token where the recording had one.
 */
export function mountRecording(repo: string, exchanges: readonly Exchange[], options: { token?: string } = {}): nock.Scope[] {
  return exchanges.map((ex) => {
    const reqheaders: Record<string, string> = {};
    const badheaders: string[] = [];
    if (ex.reqheaders.range) reqheaders.range = ex.reqheaders.range;
    else badheaders.push("range");
    if (ex.reqheaders.accept) reqheaders.accept = ex.reqheaders.accept;
    if (ex.scope === HUB && ex.reqheaders.authorization) reqheaders.authorization = `Bearer ${options.token ?? FIXTURE_TOKEN}`;
    else badheaders.push("authorization", "cookie");
    const scope = nock(ex.scope, { reqheaders, badheaders });
    return scope.intercept(ex.path, ex.method).reply(ex.status, ex.method === "HEAD" ? "" : exchangeBody(repo, ex.response), ex.headers);
  });
}

/** Requests of the recording nock did not see. */
export function pendingOf(scopes: readonly nock.Scope[]): string[] {
  return scopes.flatMap((s) => s.pendingMocks());
}
