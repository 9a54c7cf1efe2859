import { isAbsolute, relative, sep } from "node:path";

/** Paths inside the working directory are shown relative to it, with forward slashes. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === "") return ".";
  const shown = rel.startsWith("..") || isAbsolute(rel) ? path : rel;
  return sep === "/" ? shown : shown.split(sep).join("/");
}
