// Writes docs/model-types.md from the registry (run after `npm run build`); test/meta.test.ts keeps it current.
import { writeFileSync } from "node:fs";
const { modelTypeRows, modelTypesMarkdown } = await import("../dist/src/architectures/model-type-list.js");
writeFileSync(new URL("../docs/model-types.md", import.meta.url), modelTypesMarkdown(modelTypeRows()));
