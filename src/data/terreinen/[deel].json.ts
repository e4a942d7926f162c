// Parameterized loader: the outlines of the bedrijventerreinen of one block (compute.ts), such as
// `terreinen/regio.json`. Framework passes `--deel regio`; the page names the parts through the
// file map that scripts/prebuild.ts writes from the pipeline's manifest.
import {parseArgs} from "node:util";
import {deelBestand, emitPublishedFile} from "../../../data-loaders/indicators/emit-file.ts";
import {getPipelineResult} from "../../../data-loaders/indicators/pipeline.ts";

const {values} = parseArgs({options: {deel: {type: "string"}}});
emitPublishedFile(await getPipelineResult(), deelBestand("terreinen", values.deel));
