/**
 * The globs of config files (`ignores`, `overrides[].files`), with .gitignore's conventions so that
 * folders of models are easy to name: patterns are relative to the folder of the config file that
 * declares them; a pattern without a slash matches a name at any depth (`*-old` = `**\/*-old`); a
 * pattern matches a path when it matches the path itself or any folder above it (`legacy` and
 * `legacy/**` both cover everything in legacy/); a trailing slash matches folders only. Supported
 * syntax: `*`, `**`, `?`, `[abc]`, `[!abc]`, `{a,b}`. Compiled once to a regular expression: the
 * folder walk tests every model against them.
 */
export interface Glob {
  readonly pattern: string;
  /** `relative` is a path relative to the pattern's base folder, with forward slashes, no leading `./`. */
  matches(relative: string): boolean;
}

export function compileGlob(pattern: string): Glob {
  let body = pattern.trim().replace(/^\.\//, "");
  const foldersOnly = body.endsWith("/");
  body = body.replace(/\/+$/, "");
  const anchored = body.startsWith("/") || body.includes("/");
  body = body.replace(/^\/+/, "");
  // One test covers the path and every folder above it: the pattern must match a prefix that ends
  // at a slash (a folder above) or at the end (the path itself, unless only folders may match).
  const source = `^${anchored ? "" : "(?:.*/)?"}(?:${globToRegExpSource(body)})${foldersOnly ? "/.+" : "(?:/.*)?"}$`;
  const regexp = new RegExp(source);
  return {
    pattern,
    matches(relative: string): boolean {
      const path = relative.startsWith("./") ? relative.slice(2) : relative;
      if (path === "" || path === "." || path.startsWith("../")) return false;
      return regexp.test(path.endsWith("/") ? path.replace(/\/+$/, "") : path);
    },
  };
}

/** Regular-expression source for one glob (no anchors). */
function globToRegExpSource(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const atStart = i === 0 || glob[i - 1] === "/";
        const atEnd = i + 2 === glob.length || glob[i + 2] === "/";
        if (atStart && atEnd) {
          if (i + 2 === glob.length) {
            // "a/**" matches everything below a; "**" alone matches everything.
            out = out.endsWith("/") ? `${out.slice(0, -1)}(?:/.*)?` : `${out}.*`;
          } else {
            out += "(?:.*/)?";
            i++; // the slash after ** is part of the group
          }
          i++;
          continue;
        }
        i++; // "a**b" behaves like "a*b"
      }
      out += "[^/]*";
    } else if (c === "?") {
      out += "[^/]";
    } else if (c === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end === -1) {
        out += "\\[";
        continue;
      }
      let set = glob.slice(i + 1, end);
      if (set.startsWith("!")) set = `^${set.slice(1)}`;
      out += `[${set.replace(/\\/g, "\\\\")}]`;
      i = end;
    } else if (c === "{") {
      const end = matchingBrace(glob, i);
      if (end === -1) {
        out += "\\{";
        continue;
      }
      out += `(?:${splitTopLevel(glob.slice(i + 1, end)).map(globToRegExpSource).join("|")})`;
      i = end;
    } else if (c === "\\" && i + 1 < glob.length) {
      out += escapeRegExp(glob[++i]!);
    } else {
      out += escapeRegExp(c);
    }
  }
  return out;
}

function matchingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === "{") depth++;
    else if (glob[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === "{") depth++;
    else if (list[i] === "}") depth--;
    else if (list[i] === "," && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts;
}

function escapeRegExp(c: string): string {
  return /[.*+?^${}()|[\]\\]/.test(c) ? `\\${c}` : c;
}
