// Thin loader: streams the page file that the indicator pipeline wrote through the publish gate
// (computed once per build; see data-loaders/indicators/pipeline.ts).
import {emitPublishedFile} from "../../data-loaders/indicators/emit-file.ts";
import {getPipelineResult} from "../../data-loaders/indicators/pipeline.ts";

emitPublishedFile(await getPipelineResult(), "definities.json");
