// Thin loader: simplified, quantized TopoJSON of the buurt areas, published through the gate's
// metadata door by the indicator pipeline (envelope {schemaVersion, soort: "geometrie", waarde}).
import {emitPublishedFile} from "../../data-loaders/indicators/emit-file.ts";
import {getPipelineResult} from "../../data-loaders/indicators/pipeline.ts";

emitPublishedFile(await getPipelineResult(), "gebieden-buurt.topojson");
