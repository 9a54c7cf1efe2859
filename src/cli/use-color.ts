/**
 * Whether to colour the text report, as chalk and most CLIs decide: `--color`/`--no-color` first,
 * then NO_COLOR (any non-empty value), then FORCE_COLOR (any value but `0` or `false`: CI logs
 * that render ANSI), else only when standard output is a terminal.
 */
export function useColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  return isTTY;
}
