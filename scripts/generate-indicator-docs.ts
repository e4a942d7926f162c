/**
 * Generates docs/indicators.md from the indicator catalogue and the bundle layout, so the
 * documentation cannot drift from what the pipeline publishes. `--check` exits non-zero when
 * the file is out of date (the test in test/indicators/docs.test.ts does the same).
 * Usage: `npx tsx scripts/generate-indicator-docs.ts [--check]`.
 */
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {BRIEFING_INDICATOREN} from "../data-loaders/indicators/briefing.ts";
import {BUNDLES, OTHER_FILES} from "../data-loaders/indicators/bundles.ts";
import {
  BRANCHE_ALLE,
  BRANCHE_RISICO,
  EERSTE_JAAR,
  INDICATOREN,
  KWETSBAARHEID_COMPONENTEN,
  KWETSBAARHEID_METHODE,
  indicatorBranches,
  REGIO_CODE,
  RISICOBRANCHES,
  SIGNAAL_CATEGORIEEN,
  SIGNAAL_CATEGORIE_LABELS,
  type Indicator
} from "../data-loaders/indicators/catalogue.ts";
import {bronTekst, codesTekst, OVERWOGEN_BRANCHES} from "../data-loaders/sources/risicobranches.ts";

/** Path of the generated file. */
export const DOCS_PATH = join(import.meta.dirname, "..", "docs", "indicators.md");

const THEMA_TITELS: Record<Indicator["thema"], string> = {
  noemers: "Noemers (openbare cijfers)",
  risicobranches: "Risicobranches",
  risicolocaties: "Risicolocaties",
  "weerbare-wijken": "Weerbare wijken",
  trends: "Trends"
};

const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");

/** The Markdown text of docs/indicators.md. */
export function renderIndicatorDocs(): string {
  const out: string[] = [];
  out.push(
    "# Indicatoren",
    "",
    "<!-- Gegenereerd door scripts/generate-indicator-docs.ts uit data-loaders/indicators/catalogue.ts en bundles.ts. Niet met de hand bewerken. -->",
    "",
    `Alle indicatoren worden één keer per build berekend (data-loaders/indicators/pipeline.ts) en gaan samen door één run van de publicatiepoort. Jaren: elk jaar vanaf ${EERSTE_JAAR} tot en met het laatste jaar met waarnemingen in de bronmap. Voorraden gelden op 31 december. Gebiedsniveaus: \`regio\` (de hele bronmap, code \`${REGIO_CODE}\`), \`gemeente\`, \`wijk\`, \`buurt\`; bedrijventerreinen staan in de open data op niveau \`regio\` met de gemeente als bovenliggend gebied.`,
    "",
    "Cellen hebben de lange vorm `gebiedcode, gebiedniveau, bovenliggend, branche, categorie, jaar, waarde, status, reden`. Een ontbrekende noemer geeft `waarde: null` met status `geen-data`, nooit 0 of oneindig. Afgeleide waarden erven de onderdrukking van de tellingen waarop zij rusten.",
    "",
    "## Risicobranches",
    "",
    `De standaardlijst staat in \`data-loaders/sources/risicobranches.json\`; een bronmap kan haar met \`risicobranches.csv\` vervangen of aanvullen (zie eigen-data.md), en de pagina Methode en privacy toont de lijst die bij de build gold. Elke branche heeft codes in SBI 2008 en SBI 2025: een code telt met al haar onderliggende codes mee, een code met een minteken is uitgezonderd. Een vestiging hoort bij de branche met de langste passende code (fastfood 56.10.2 gaat voor horeca 56); de groepen zijn dus disjunct en tellen op tot \`${BRANCHE_RISICO}\`. Een vestiging met een SBI 2008-code wordt daarop ingedeeld, anders op haar SBI 2025-code. \`${BRANCHE_ALLE}\` telt alle vestigingen, elke SBI-code.`,
    "",
    "| id | naam | SBI 2008 | SBI 2025 | vergunning of Bibob | kasintensief | opkomend | profiel |",
    "|---|---|---|---|---|---|---|---|"
  );
  for (const b of RISICOBRANCHES)
    out.push(
      `| \`${b.id}\` | ${cell(b.naam)} | ${codesTekst(b.sbi.sbi2008)} | ${codesTekst(b.sbi.sbi2025)} | ${b.vergunningOfBibob ? "ja" : "nee"} | ${b.kasintensief ? "ja" : "nee"} | ${b.opkomend ? "ja" : "nee"} | ${cell(b.profiel)} |`
    );
  out.push("", "### Kanttekeningen en bronnen per branche", "");
  for (const b of RISICOBRANCHES) {
    out.push(
      `- **${b.naam}** (\`${b.id}\`).${b.kanttekening ? ` ${b.kanttekening}` : ""} Bronnen: ${b.bronnen.map(bronTekst).join("; ")}.`
    );
  }
  out.push(
    "",
    "### Overwogen branches",
    "",
    "| branche | SBI 2008 | SBI 2025 | besluit | waarom | bronnen |",
    "|---|---|---|---|---|---|"
  );
  for (const o of OVERWOGEN_BRANCHES)
    out.push(
      `| ${cell(o.naam)} | ${codesTekst(o.sbi.sbi2008)} | ${codesTekst(o.sbi.sbi2025)} | ${o.besluit} | ${cell(o.waarom)} | ${cell(o.bronnen.map(bronTekst).join("; "))} |`
    );
  out.push("", "## Signaalcategorieën", "", "| id | naam |", "|---|---|");
  for (const c of SIGNAAL_CATEGORIEEN) out.push(`| \`${c}\` | ${SIGNAAL_CATEGORIE_LABELS[c]} |`);
  out.push(
    "",
    "## Kwetsbaarheidsindex",
    "",
    "| component | bron | vorm | richting | standaardgewicht | waarom |",
    "|---|---|---|---|---|---|"
  );
  for (const k of KWETSBAARHEID_COMPONENTEN)
    out.push(
      `| \`${k.id}\` ${cell(k.naam)} | \`${k.bron}\` | ${k.vorm === "per-1000-inwoners" ? "per 1.000 inwoners" : "waarde"}${k.vervangt ? `; vervangt \`${k.vervangt}\` in jaren met waarden` : ""} | ${k.teken > 0 ? "hoger = kwetsbaarder" : "lager = kwetsbaarder"} | ${k.gewicht} | ${cell(k.waarom)} |`
    );
  out.push("");
  for (const m of KWETSBAARHEID_METHODE) out.push(`- ${m}`);
  for (const thema of Object.keys(THEMA_TITELS) as Indicator["thema"][]) {
    out.push("", `## ${THEMA_TITELS[thema]}`);
    for (const i of INDICATOREN.filter((x) => x.thema === thema)) {
      out.push("", `### \`${i.id}\`: ${i.titel}`, "", i.definitie, "");
      const formule = i.formule.noemer
        ? `${i.formule.teller} / ${i.formule.noemer}${i.formule.schaal ? ` ${i.formule.schaal}` : ""}`
        : i.formule.teller === i.definitie
          ? "telling"
          : i.formule.teller;
      out.push(
        `- formule: ${formule}`,
        `- eenheid: \`${i.eenheid}\`; richting: ${i.richting}`,
        `- niveaus: ${i.niveaus.join(", ")}; jaren: ${i.jaren}`,
        `- branches: ${
          i.branches.length
            ? indicatorBranches(i, RISICOBRANCHES)
                .map((b) => `\`${b}\``)
                .join(", ")
            : "geen"
        }; categorieën: ${i.categorieen.length ? i.categorieen.map((b) => `\`${b}\``).join(", ") : "geen"}`,
        `- openbaarheid: ${i.openbaarheid === "afgeleid" ? "afgeleid (erft onderdrukking)" : i.openbaarheid === "publiek" ? "publiek (CBS-cijfers zoals gepubliceerd)" : i.openbaarheid === "omvang" ? "omvang (p%-regel, minimaal 3 bijdragers)" : `telling van ${i.openbaarheid}`}`,
        `- bronbestanden: ${i.bronbestanden.map((b) => `\`${b}\``).join(", ")}`
      );
      for (const k of i.kanttekeningen) out.push(`- kanttekening: ${k}`);
    }
  }
  out.push(
    "",
    "## Gepubliceerde bestanden",
    "",
    "Elk bestand is de uitvoer van de publicatiepoort: een bundel `{schemaVersion: 1, onderdelen: {naam: tabel | metadata}}` (het contract van elk bestand staat in src/shared/contracts/). De namen van de onderdelen zijn de indicator-id's hierboven.",
    ""
  );
  for (const [name, spec] of Object.entries(BUNDLES)) {
    out.push(`### \`${name}\``, "", spec.doel, "");
    if (spec.tables.length) out.push(`- tabellen: ${spec.tables.map((t) => `\`${t}\``).join(", ")}`);
    if (spec.metadata.length) out.push(`- metadata: ${spec.metadata.map((t) => `\`${t}\``).join(", ")}`);
    if (spec.delenDoel) out.push(`- verdeeld over bestanden: \`${name}\` met de regio, en ${spec.delenDoel}`);
    out.push("");
  }
  for (const [name, doel] of Object.entries(OTHER_FILES)) out.push(`### \`${name}\``, "", doel, "");
  out.push(
    `Indicatoren in elke gemeentebriefing: ${BRIEFING_INDICATOREN.map((t) => `\`${t}\``).join(", ")}.`,
    ""
  );
  return out.join("\n");
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() as string)) {
  const text = renderIndicatorDocs();
  if (process.argv.includes("--check")) {
    const current = readFileSync(DOCS_PATH, "utf-8");
    if (current !== text) {
      console.error("docs/indicators.md is verouderd: draai npx tsx scripts/generate-indicator-docs.ts");
      process.exit(1);
    }
  } else {
    writeFileSync(DOCS_PATH, text);
    console.error(`docs/indicators.md geschreven (${INDICATOREN.length} indicatoren)`);
  }
}
