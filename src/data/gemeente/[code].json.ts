// Parameterized loader: the briefing data of one gemeente. Framework passes `--code GM0772`
// (dynamicPaths in observablehq.config.ts come from the gemeente list the pipeline writes).
import {parseArgs} from "node:util";
import {emitPublishedFile} from "../../../data-loaders/indicators/emit-file.ts";
import {getPipelineResult} from "../../../data-loaders/indicators/pipeline.ts";

const {values} = parseArgs({options: {code: {type: "string"}}});
if (!values.code || !/^GM\d{4}$/.test(values.code))
  throw new Error(`Ongeldige gemeentecode: ${values.code ?? "(geen)"}`);
emitPublishedFile(await getPipelineResult(), `gemeente/${values.code}.json`);
