// Parameterized loader: one part of the split weerbaarheid files (data-loaders/indicators/split.ts), such
// as `weerbaarheid/regio-2025.json`. Framework passes `--deel regio-2025`; the pages name the parts
// through the file map that scripts/prebuild.ts writes from the pipeline's manifest.
import {parseArgs} from "node:util";
import {deelBestand, emitPublishedFile} from "../../../data-loaders/indicators/emit-file.ts";
import {getPipelineResult} from "../../../data-loaders/indicators/pipeline.ts";

const {values} = parseArgs({options: {deel: {type: "string"}}});
emitPublishedFile(await getPipelineResult(), deelBestand("weerbaarheid", values.deel));
