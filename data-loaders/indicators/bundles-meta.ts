/**
 * Metadata parts of the page files, each passed through the gate's metadata door
 * (`publishMetadata`) with the check of its kind: texts we wrote (catalogue, branch profiles,
 * region facts), area names, and the aggregate data-quality report (counts and reasons only).
 */
import {publishMetadata, type PublishedMetadata} from "../disclosure/gate.ts";
import type {Indeling} from "../sources/indeling.ts";
import type {LoadedBronmap} from "../sources/loaded.ts";
import type {BriefingPeers} from "./briefing.ts";
import type {MetadataPart} from "./bundles.ts";
import {componentJaren} from "./kerncijfer-jaren.ts";
import {KERNCIJFER_VARIABELEN} from "../sources/types.ts";
import {bronTekst, codesTekst, OVERWOGEN_BRANCHES, type Risicobranche} from "../sources/risicobranches.ts";
import type {SbiOverzicht} from "../sources/types.ts";
import {
  brancheNamen,
  INDICATOREN,
  KERNCIJFERS_MAX_JAREN_TERUG,
  indicatorBranches,
  KWETSBAARHEID_COMPONENTEN,
  KWETSBAARHEID_METHODE,
  MISDRIJF_GROEPEN,
  REFERENTIE_BRANCHES,
  SIGNAAL_CATEGORIEEN,
  SIGNAAL_CATEGORIE_LABELS
} from "./catalogue.ts";
import type {PipelineContext} from "./context.ts";
import type {Blok} from "./split.ts";

/** What the pipeline knows about the areas besides the context: indeling, file blocks, peers. */
export interface GebiedenExtra {
  indeling: Indeling;
  blokken: readonly Blok[];
  peers: BriefingPeers;
}

/** Builders of every metadata part (called lazily, each publishes a fresh gate object). */
export function catalogueMetadata(
  ctx: PipelineContext,
  bronmap: LoadedBronmap,
  extra: GebiedenExtra
): Record<MetadataPart, () => PublishedMetadata> {
  const kwbFiles = bronmap.quality.files.filter((f) => f.file.startsWith("kerncijfers")).map((f) => f.file);
  return {
    regio: () =>
      publishMetadata("tekst", {
        isDemo: bronmap.isDemo,
        regio: {code: ctx.regio.code, naam: ctx.regio.naam},
        gemeenten: ctx.gebieden.gemeente.map((g) => ({code: g.code, naam: g.naam})),
        jaren: ctx.jaren,
        laatsteJaar: ctx.jaren[ctx.jaren.length - 1] ?? null,
        kerncijferBron: kwbFiles.length
          ? `CBS Kerncijfers wijken en buurten (${kwbFiles.length} bestand${kwbFiles.length === 1 ? "" : "en"})`
          : "geen kerncijfers in de bronmap",
        bronnen: bronnenVan(bronmap),
        // Gemeenten whose kerncijfers of earlier years are a sum of merged gemeenten or lie on
        // other boundaries (gebieden/herindelingen.csv): pages mark the break.
        indelingswijzigingen: bronmap.quality.kerncijfers?.indelingswijzigingen ?? []
      }),
    // The regio and its gemeenten; wijk and buurt names travel with their gemeente's files.
    gebieden: () =>
      publishMetadata("gebiedsnamen", [
        {code: ctx.regio.code, naam: ctx.regio.naam, niveau: "regio", bovenliggend: null},
        ...ctx.gebieden.gemeente.map((g) => ({
          code: g.code,
          naam: g.naam,
          niveau: "gemeente",
          bovenliggend: g.bovenliggend
        }))
      ]),
    // Provinces and RIEC regions (data with its source, sources/indeling.ts) and the blocks the
    // split files are cut into (split.ts), so a page knows which files an area needs.
    indeling: () =>
      publishMetadata("tekst", {
        provincies: extra.indeling.provincies,
        riecs: extra.indeling.riecs,
        zonderIndeling: extra.indeling.zonderIndeling,
        bron: extra.indeling.bron,
        blokken: extra.blokken.map((b) => ({code: b.code, gemeenten: b.gemeenten}))
      }),
    // The five most similar gemeenten of every gemeente (the briefings' comparison), for the werkplaats.
    vergelijkbaar: () =>
      publishMetadata("tekst", {
        jaar: extra.peers.jaar,
        variabelen: extra.peers.variabelen,
        gemeenten: Object.fromEntries(
          ctx.gebieden.gemeente.map((g) => [g.code, (extra.peers.peers.get(g.code) ?? []).map((p) => p.code)])
        )
      }),
    bedrijventerreinen: () => terreinNamenMetadata(bronmap.areas.bedrijventerreinen),
    branches: () =>
      publishMetadata("tekst", {
        ...brancheMetadata(ctx.risicobranches, bronmap.quality.sbi ?? null),
        // The CBS branches of the national reference (issue 16), with the risk branches in them.
        referentie: REFERENTIE_BRANCHES.map((b) => ({...b, risicobranches: [...b.risicobranches]}))
      }),
    componenten: () =>
      publishMetadata("tekst", {
        componenten: KWETSBAARHEID_COMPONENTEN.map((c) => ({...c})),
        methode: [...KWETSBAARHEID_METHODE],
        // Offence groups of the police figures (issue 16), shown beside the index.
        misdrijfgroepen: MISDRIJF_GROEPEN.map(({id, naam, waarom}) => ({id, naam, waarom})),
        maxJarenTerug: KERNCIJFERS_MAX_JAREN_TERUG,
        // Per component and published year: the kerncijfers year it rests on, or why none.
        jaren: componentJaren(KWETSBAARHEID_COMPONENTEN, bronmap.quality.kerncijfers, ctx.jaren)
      }),
    catalogus: () =>
      publishMetadata("tekst", {
        indicatoren: INDICATOREN.map((i) => ({
          ...i,
          formule: {...i.formule},
          branches: indicatorBranches(i, ctx.risicobranches)
        })),
        signaalcategorieen: SIGNAAL_CATEGORIEEN.map((id) => ({id, naam: SIGNAAL_CATEGORIE_LABELS[id]}))
      }),
    // What a story page needs of the catalogue (a chart's title, unit and definition line), so
    // that Weerbare wijken and the other stories do not load the whole catalogue (page weight).
    definities: () =>
      publishMetadata("tekst", {
        indicatoren: INDICATOREN.map(({id, titel, definitie, eenheid, richting}) => ({
          id,
          titel,
          definitie,
          eenheid,
          richting
        })),
        signaalcategorieen: SIGNAAL_CATEGORIEEN.map((id) => ({id, naam: SIGNAAL_CATEGORIE_LABELS[id]}))
      }),
    kwaliteit: () =>
      publishMetadata("kwaliteitsrapport", {
        isDemo: bronmap.isDemo,
        jaren: bronmap.quality.years,
        bestanden: bronmap.quality.files.map((f, _, all) => ({
          bestand: publishedFileName(
            f.file,
            all.map((x) => x.file)
          ),
          gelezen: f.rowsRead,
          geaccepteerd: f.rowsAccepted,
          afgewezen: Object.fromEntries(Object.entries(f.rejected).sort(([a], [b]) => (a < b ? -1 : 1)))
        })),
        // What each kerncijfers file gave: its CBS table and, per variable, the key, title and
        // unit it came from (or "niet in deze tabel"). Public CBS metadata, no file names.
        kerncijfers: bronmap.quality.files
          .filter((f) => f.kerncijfers)
          .map((f) => ({
            jaren: f.kerncijfers!.jaren,
            tabel: f.kerncijfers!.tabel,
            beschrijving: f.kerncijfers!.beschrijving,
            variabelen: f.kerncijfers!.variabelen.map((v) => ({
              ...v,
              naam: KERNCIJFER_VARIABELEN[v.variabele].naam
            }))
          }))
      })
  };
}

/**
 * The risk branches in force as the pages show them: per branch its codes in both classifications
 * (as people write them), profile, sources as citations and caveat; the branches that were
 * considered for the default list with the decision; and the bronmap-wide SBI overview.
 */
export function brancheMetadata(list: readonly Risicobranche[], sbi: SbiOverzicht | null) {
  return {
    namen: brancheNamen(list),
    herkomst: list.some((b) => b.herkomst === "bronmap") ? "bronmap" : "standaard",
    groepen: list.map((b) => ({
      id: b.id,
      naam: b.naam,
      sbi: [
        b.sbi.sbi2008.codes.length ? `SBI 2008: ${codesTekst(b.sbi.sbi2008)}` : "",
        b.sbi.sbi2025.codes.length ? `SBI 2025: ${codesTekst(b.sbi.sbi2025)}` : ""
      ]
        .filter((t) => t !== "")
        .join("; "),
      sbi2008: codesTekst(b.sbi.sbi2008),
      sbi2025: codesTekst(b.sbi.sbi2025),
      vergunningOfBibob: b.vergunningOfBibob,
      kasintensief: b.kasintensief,
      opkomend: b.opkomend,
      profiel: b.profiel,
      bronnen: b.bronnen.map(bronTekst),
      kanttekening: b.kanttekening,
      herkomst: b.herkomst
    })),
    overwogen: OVERWOGEN_BRANCHES.map((o) => ({
      naam: o.naam,
      sbi2008: codesTekst(o.sbi.sbi2008),
      sbi2025: codesTekst(o.sbi.sbi2025),
      besluit: o.besluit,
      waarom: o.waarom,
      bronnen: o.bronnen.map(bronTekst)
    })),
    sbi
  };
}

/**
 * The name under which a bronmap file appears in the published data-quality report. The layout
 * fixes every name but those in `kerncijfers/`, which the user chooses (and which may say more
 * than they mean to publish): those become `kerncijfers/kwb-<year>` after the year in their name,
 * or `kerncijfers/bestand-<n>`, numbered in reading order, made unique with a suffix.
 */
export function publishedFileName(file: string, files: readonly string[]): string {
  if (!file.startsWith("kerncijfers/")) return file;
  const name = (f: string, n: number): string => {
    const year = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(f.slice("kerncijfers/".length))?.[1];
    return year ? `kerncijfers/kwb-${year}` : `kerncijfers/bestand-${n}`;
  };
  const kwb = files.filter((f) => f.startsWith("kerncijfers/"));
  const own = kwb.indexOf(file);
  const base = name(file, own + 1);
  const same = kwb.slice(0, own).filter((f, n) => name(f, n + 1) === base).length;
  return same === 0 ? base : `${base}-${same + 1}`;
}

/**
 * What the bronmap holds, for pages that say which parts need the gemeente's own data and for
 * source lines that name only what is there: the own registers, the public sources, and per file
 * that `npm run ophalen` fetched (bron.json) its publisher, table, address, retrieval date and
 * licence. The retrieval is published as a date: the time of day says nothing about the figures.
 */
export function bronnenVan(bronmap: LoadedBronmap) {
  const has = (t: Parameters<LoadedBronmap["tables"]["has"]>[0]) => bronmap.tables.has(t);
  return {
    eigen: {
      vestigingen: has("vestigingen"),
      eigendommen: has("eigendommen"),
      panden: has("panden"),
      signalen: has("signalen")
    },
    openbaar: {
      kerncijfers: has("kerncijfers"),
      politie: (bronmap.politie?.misdrijven.length ?? 0) > 0,
      referentie: (bronmap.referentie?.vestigingen.length ?? 0) > 0,
      bedrijventerreinen: bronmap.areas.bedrijventerreinen.length > 0
    },
    herkomst: (bronmap.bron?.bestanden ?? []).map((f) => ({
      soort: f.soort,
      titel: f.titel,
      uitgever: f.uitgever,
      tabel: f.tabel,
      jaar: f.jaar,
      adres: f.adres,
      opgehaald: f.opgehaald.slice(0, 10),
      licentie: f.licentie,
      bronvermelding: f.bronvermelding
    }))
  };
}

/**
 * The names of bedrijventerreinen as published metadata, sorted by code: all of them for the
 * catalogue, one block's for that block's parts (compute.ts).
 */
export function terreinNamenMetadata(
  terreinen: readonly {code: string; naam: string; gemeentecode?: string | null}[]
): PublishedMetadata {
  return publishMetadata(
    "gebiedsnamen",
    [...terreinen]
      .sort((a, b) => (a.code < b.code ? -1 : 1))
      .map((t) => ({
        code: t.code,
        naam: t.naam,
        niveau: "bedrijventerrein",
        bovenliggend: t.gemeentecode
      }))
  );
}
