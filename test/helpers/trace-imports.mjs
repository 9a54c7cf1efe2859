// node --import <this file> …: appends every module URL the program resolves to $TRACE_IMPORTS_FILE,
// so tests can check what a command loads (heavy modules must load only on the paths that need them).
import { register } from "node:module";

register("./trace-imports-hooks.mjs", import.meta.url);
