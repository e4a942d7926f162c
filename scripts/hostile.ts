/**
 * `npx tsx scripts/hostile.ts`: a tester's hostile corpus for the bronmap readers. Writes about a
 * hundred malformed or hostile bronmaps into a temporary folder (each a small valid bronmap with
 * one thing wrong), runs `check-data` and the build's pipeline step (`scripts/prebuild.ts` with
 * `BRONMAP`) on each, and counts per class how many crash, hang, are accepted silently, give a
 * clear message or a counted rejection, and leave files behind in the temporary folder.
 *
 *   npx tsx scripts/hostile.ts                 check-data and pipeline on every case
 *   npx tsx scripts/hostile.ts --alleen check  only check-data (about 4 s per case)
 *   npx tsx scripts/hostile.ts --filter rin    only cases whose name contains "rin"
 *   npx tsx scripts/hostile.ts --groot         also the cases with files of hundreds of MB
 *   npx tsx scripts/hostile.ts --vers          the second, fresh set instead of the first
 *   npx tsx scripts/hostile.ts --json out.json the results as JSON as well
 *
 * The cases are not the committed corpus of test/fixtures/malformed (that one is frozen and
 * asserted exactly): they are generated, so new variants of a class are one entry here.
 */
import {spawn} from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  writeSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";

/** The classes of the issue. */
type Klasse =
  | "crash in lezer"
  | "crash alleen in build"
  | "stil geaccepteerd"
  | "achtergelaten kopie"
  | "onnodig gepubliceerd"
  | "misleidende melding";

interface Case {
  name: string;
  klasse: Klasse;
  /** Files relative to the bronmap (string: UTF-8 text; Buffer: bytes). Overrides the defaults. */
  files?: Record<string, string | Buffer | null>;
  /** Extra setup (symlinks, folders). */
  setup?: (dir: string) => void;
  /** The file the problem is in: a message must name it; a report must count or note something on it. */
  file: string;
  /** Without the default record files (only the areas). */
  bare?: boolean;
  /** Large files: only with --groot. */
  groot?: boolean;
  /** Reading it without any note is right (the case tests that nothing crashes). */
  aanvaard?: boolean;
  /** Text that must not reach the pipeline's published files. */
  geheim?: string;
}

// ---------------------------------------------------------------------------------------------
// A small valid bronmap: two gemeenten (GM0109 x 200-210 km, GM0796 x 210-220 km, y 500-510 km in
// RD New), three wijken, four buurten; records in both gemeenten.

const ring = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0]
];
const RD_CRS = {type: "name", properties: {name: "urn:ogc:def:crs:EPSG::28992"}};
const fc = (features: unknown[], crs: unknown = RD_CRS) =>
  JSON.stringify({type: "FeatureCollection", crs, features});
const feat = (properties: Record<string, unknown>, geometry: unknown) => ({
  type: "Feature",
  properties,
  geometry
});
const poly = (x0: number, y0: number, x1: number, y1: number) => ({
  type: "Polygon",
  coordinates: [ring(x0, y0, x1, y1)]
});

const GEMEENTEN = [
  feat({statcode: "GM0109", statnaam: "Coëvorden"}, poly(200000, 500000, 210000, 510000)),
  feat({statcode: "GM0796", statnaam: "'s-Hertogenbosch"}, poly(210000, 500000, 220000, 510000))
];
const WIJKEN = [
  feat({statcode: "WK010900", statnaam: "Stad"}, poly(200000, 500000, 205000, 510000)),
  feat({statcode: "WK010901", statnaam: "Dalen"}, poly(205000, 500000, 210000, 510000)),
  feat({statcode: "WK079600", statnaam: "Binnenstad"}, poly(210000, 500000, 220000, 510000))
];
const BUURTEN = [
  feat({BU_CODE: "BU01090000", BU_NAAM: "Centrum", GM_CODE: "GM0109"}, poly(200000, 500000, 205000, 505000)),
  feat({BU_CODE: "BU01090001", BU_NAAM: "Noord", GM_CODE: "GM0109"}, poly(200000, 505000, 205000, 510000)),
  feat({BU_CODE: "BU01090100", BU_NAAM: "Dalen", GM_CODE: "GM0109"}, poly(205000, 500000, 210000, 510000)),
  feat({BU_CODE: "BU07960000", BU_NAAM: "Centrum", GM_CODE: "GM0796"}, poly(210000, 500000, 220000, 510000))
];

/** Where GM0796's area lies in every boundary file (the last area of each): cases change it. */
const VAK_0796 = poly(210000, 500000, 220000, 510000);
const GEBIEDEN = {
  "gebieden/gemeenten.geojson": GEMEENTEN,
  "gebieden/wijken.geojson": WIJKEN,
  "gebieden/buurten.geojson": BUURTEN
};
type Gebiedsbestand = keyof typeof GEBIEDEN;
/** A boundary file whose last area (GM0796's) has other properties: a hostile name or code. */
const gebiedenMet = (file: Gebiedsbestand, properties: Record<string, unknown>) =>
  fc([...GEBIEDEN[file].slice(0, -1), feat(properties, VAK_0796)]);
/** A case whose boundary file has one area with hostile properties (`gebiedenMet`). */
const gebiedGeval = (
  name: string,
  file: Gebiedsbestand,
  properties: Record<string, unknown>,
  extra: Partial<Case> = {}
): Case => ({
  name,
  klasse: "crash alleen in build",
  ...extra,
  file,
  files: {[file]: gebiedenMet(file, properties)}
});

/** A case with one file of the bronmap replaced by `inhoud`, the file its message must name. */
const eenBestand = (name: string, klasse: Klasse, file: string, inhoud: string | Buffer): Case => ({
  name,
  klasse,
  file,
  files: {[file]: inhoud}
});

/** A case with a folder where the bronmap's file `file` should be. */
const mapInPlaatsVan = (name: string, file: string): Case => ({
  name,
  klasse: "crash in lezer",
  file,
  files: {[file]: null},
  setup: (d) => mkdirSync(join(d, file))
});

const VEST_HEADER =
  "vestigingsnummer;kvk_nummer;naam;sbi;rechtsvorm;werkzame_personen;datum_inschrijving;datum_uitschrijving;x;y";
const vestRows = (n: number, start = 1) =>
  Array.from({length: n}, (_, i) => {
    const k = start + i;
    const x = 201000 + ((k * 1300) % 18000);
    return `0000000000${String(k).padStart(2, "0")};100000${String(k).padStart(2, "0")};Zaak ${k};${k % 2 ? "4711" : "5610"};Eenmanszaak;${k % 5};2019-0${(k % 9) + 1}-01;;${x};${501000 + ((k * 700) % 8000)}`;
  });
/** A vestigingen row with one field replaced. */
const vest = (field: string, value: string, k = 90) => {
  const cols = VEST_HEADER.split(";");
  const row = vestRows(1, k)[0].split(";");
  row[cols.indexOf(field)] = value;
  return row.join(";");
};
const vestigingen = (...extra: string[]) => [VEST_HEADER, ...vestRows(12), ...extra].join("\n") + "\n";

const SIG_HEADER = "signaal_id,datum,categorie,x,y";
const sigRows = (n: number) =>
  Array.from(
    {length: n},
    (_, i) =>
      `S${i + 1},20${19 + (i % 3)}-0${(i % 9) + 1}-15,${["hennep", "drugsafval", "overlast"][i % 3]},${201000 + ((i * 1700) % 18000)},${502000 + ((i * 900) % 7000)}`
  );
const signalen = (...extra: string[]) => [SIG_HEADER, ...sigRows(15), ...extra].join("\n") + "\n";

const PAND_HEADER = "pand_id;gebruiksdoel;oppervlakte_m2;leeg_sinds;leeg_tot;x;y";
const panden = (...extra: string[]) =>
  [PAND_HEADER, "P1;stal;850;2019-04-01;;203000;507000", "P2;schuur;120;;;215000;503000", ...extra].join(
    "\n"
  ) + "\n";
const EIG_HEADER = "kvk_nummer,object_id,gebruiksdoel,datum_verkrijging,buurtcode";
const eigendommen = (...extra: string[]) =>
  [
    EIG_HEADER,
    "10000001,O1,woonfunctie,2019-01-01,BU01090000",
    "10000002,O2,kantoorfunctie,2020-05-01,BU07960000",
    ...extra
  ].join("\n") + "\n";
const bt = (features: unknown[]) => fc(features);
const BT_OK = feat({RIN_NUMMER: "BT-01", PLAN_NAAM: "De Vosberg"}, poly(206000, 501000, 208000, 503000));

const DEFAULTS: Record<string, string> = {
  "gebieden/gemeenten.geojson": fc(GEMEENTEN),
  "gebieden/wijken.geojson": fc(WIJKEN),
  "gebieden/buurten.geojson": fc(BUURTEN),
  "vestigingen.csv": vestigingen(),
  "signalen.csv": signalen(),
  "panden.csv": panden(),
  "eigendommen.csv": eigendommen(),
  "bedrijventerreinen.geojson": bt([BT_OK])
};

const win1252 = (s: string) =>
  Buffer.from(
    [...s].map((ch) => {
      const c = ch.codePointAt(0)!;
      const special: Record<string, number> = {"€": 0x80, "’": 0x92, "“": 0x93, "”": 0x94, "–": 0x96};
      return special[ch] ?? (c < 256 ? c : 0x3f);
    })
  );
const utf16le = (s: string, bom = true) =>
  Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(s, "utf16le")]);
const utf16be = (s: string) => {
  const le = Buffer.from(s, "utf16le");
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};
const deepArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

// ---------------------------------------------------------------------------------------------
const CASES: Case[] = [
  // Crashes in the readers.
  eenBestand(
    "personen-overloop-int32",
    "crash in lezer",
    "vestigingen.csv",
    vestigingen(vest("werkzame_personen", "99999999999"))
  ),
  eenBestand(
    "personen-2-tot-de-31",
    "crash in lezer",
    "vestigingen.csv",
    vestigingen(vest("werkzame_personen", "2147483648"))
  ),
  eenBestand(
    "personen-nan",
    "crash in lezer",
    "vestigingen.csv",
    vestigingen(vest("werkzame_personen", "NaN"))
  ),
  eenBestand(
    "personen-inf",
    "crash in lezer",
    "vestigingen.csv",
    vestigingen(vest("werkzame_personen", "inf"))
  ),
  eenBestand(
    "personen-1e30",
    "crash in lezer",
    "vestigingen.csv",
    vestigingen(vest("werkzame_personen", "1e30"))
  ),
  eenBestand("x-1e309", "crash in lezer", "vestigingen.csv", vestigingen(vest("x", "1e309"))),
  eenBestand(
    "xy-nan",
    "crash in lezer",
    "vestigingen.csv",
    vestigingen(vest("x", "NaN", 91), vest("y", "nan", 92))
  ),
  {
    name: "latlon-infinity",
    klasse: "crash in lezer",
    file: "signalen.csv",
    files: {
      "signalen.csv":
        "signaal_id,datum,categorie,lat,lon\nS1,2020-01-01,hennep,52.49,6.08\nS2,2020-01-01,hennep,Infinity,6.08\nS3,2020-01-01,hennep,52.49,-inf\n"
    }
  },
  eenBestand("oppervlakte-1e400", "crash in lezer", "panden.csv", panden("P3;stal;1e400;;;203000;507000")),
  {
    name: "geojson-geometrie-null-alle",
    klasse: "crash in lezer",
    file: "gebieden/gemeenten.geojson",
    files: {
      "gebieden/gemeenten.geojson": fc([feat({statcode: "GM0109"}, null), feat({statcode: "GM0796"}, null)])
    }
  },
  {
    name: "geojson-wkt-string",
    klasse: "crash in lezer",
    file: "gebieden/buurten.geojson",
    files: {
      "gebieden/buurten.geojson": fc([
        ...BUURTEN,
        feat({BU_CODE: "BU07960001"}, "POLYGON((210000 500000, 211000 500000, 211000 501000, 210000 500000))")
      ])
    }
  },
  {
    name: "geojson-getallen-als-tekst",
    klasse: "crash in lezer",
    file: "gebieden/buurten.geojson",
    files: {
      "gebieden/buurten.geojson": fc([
        ...BUURTEN,
        feat(
          {BU_CODE: "BU07960001"},
          {
            type: "Polygon",
            coordinates: [ring(210000, 500000, 211000, 501000).map(([x, y]) => [String(x), String(y)])]
          }
        )
      ])
    }
  },
  {
    name: "geojson-ring-platte-getallen",
    klasse: "crash in lezer",
    file: "gebieden/buurten.geojson",
    files: {
      "gebieden/buurten.geojson": fc([
        ...BUURTEN,
        feat(
          {BU_CODE: "BU07960001"},
          {type: "Polygon", coordinates: [[210000, 500000, 211000, 500000, 211000, 501000, 210000, 500000]]}
        )
      ])
    }
  },
  {
    name: "geojson-multipolygon-leeg-deel",
    klasse: "crash in lezer",
    file: "gebieden/buurten.geojson",
    files: {
      "gebieden/buurten.geojson": fc([
        ...BUURTEN,
        feat(
          {BU_CODE: "BU07960001"},
          {type: "MultiPolygon", coordinates: [[], [ring(210000, 500000, 211000, 501000)]]}
        )
      ])
    }
  },
  {
    name: "geojson-multipolygon-lege-ring",
    klasse: "crash in lezer",
    file: "gebieden/buurten.geojson",
    files: {
      "gebieden/buurten.geojson": fc([
        ...BUURTEN,
        feat(
          {BU_CODE: "BU07960001"},
          {type: "MultiPolygon", coordinates: [[ring(210000, 500000, 211000, 501000)], [[]]]}
        )
      ])
    }
  },
  {
    name: "geojson-100000-diep",
    klasse: "crash in lezer",
    file: "gebieden/buurten.geojson",
    files: {
      "gebieden/buurten.geojson": fc([...BUURTEN]).replace(
        /\]\}$/,
        `,{"type":"Feature","properties":{"BU_CODE":"BU07960001"},"geometry":{"type":"Polygon","coordinates":${deepArray(100000)}}}]}`
      )
    }
  },
  {
    name: "geojson-diep-in-properties",
    klasse: "crash in lezer",
    file: "gebieden/buurten.geojson",
    files: {
      "gebieden/buurten.geojson": fc([...BUURTEN]).replace(
        /\]\}$/,
        `,{"type":"Feature","properties":{"BU_CODE":"BU07960001","x":${deepArray(100000)}},"geometry":null}]}`
      )
    }
  },
  {
    name: "geojson-coordinaat-1e309",
    klasse: "crash in lezer",
    file: "gebieden/buurten.geojson",
    files: {
      "gebieden/buurten.geojson": fc([
        ...BUURTEN,
        feat(
          {BU_CODE: "BU07960001"},
          {
            type: "Polygon",
            coordinates: [
              [
                [210000, 500000],
                [1e309, 500000],
                [211000, 501000],
                [210000, 500000]
              ]
            ]
          }
        )
      ]).replace("null", "1e309")
    }
  },
  eenBestand(
    "geojson-feature-null",
    "crash in lezer",
    "gebieden/buurten.geojson",
    fc([...BUURTEN, null, 5, "x"])
  ),
  {
    name: "geojson-properties-lijst",
    klasse: "crash in lezer",
    file: "gebieden/wijken.geojson",
    files: {
      "gebieden/wijken.geojson": fc([
        ...WIJKEN,
        feat([1, 2] as unknown as Record<string, unknown>, poly(210000, 500000, 211000, 501000))
      ])
    }
  },
  {
    name: "geojson-positie-een-getal",
    klasse: "crash in lezer",
    file: "gebieden/buurten.geojson",
    files: {
      "gebieden/buurten.geojson": fc([
        ...BUURTEN,
        feat(
          {BU_CODE: "BU07960001"},
          {type: "Polygon", coordinates: [[[210000], [211000], [211000], [210000]]]}
        )
      ])
    }
  },
  {
    name: "geojson-geometrycollection",
    klasse: "crash in lezer",
    file: "gebieden/buurten.geojson",
    files: {
      "gebieden/buurten.geojson": fc([
        ...BUURTEN,
        feat(
          {BU_CODE: "BU07960001"},
          {type: "GeometryCollection", geometries: [poly(210000, 500000, 211000, 501000)]}
        )
      ])
    }
  },
  {
    name: "geojson-coordinates-object",
    klasse: "crash in lezer",
    file: "gebieden/buurten.geojson",
    files: {
      "gebieden/buurten.geojson": fc([
        ...BUURTEN,
        feat({BU_CODE: "BU07960001"}, {type: "Polygon", coordinates: {a: 1}})
      ])
    }
  },
  eenBestand(
    "geojson-features-object",
    "crash in lezer",
    "gebieden/wijken.geojson",
    '{"type":"FeatureCollection","features":{"0":1}}'
  ),
  {
    name: "geojson-crs-raar",
    klasse: "crash in lezer",
    file: "gebieden/wijken.geojson",
    files: {
      "gebieden/wijken.geojson": JSON.stringify({
        type: "FeatureCollection",
        crs: {properties: {name: {x: 1}}},
        features: WIJKEN
      })
    }
  },
  eenBestand("buitengebied-geen-vlakken", "crash in lezer", "buitengebied.geojson", fc([feat({}, null)])),
  eenBestand("buitengebied-leeg", "crash in lezer", "buitengebied.geojson", fc([])),
  mapInPlaatsVan("map-in-plaats-van-csv", "vestigingen.csv"),
  mapInPlaatsVan("map-in-plaats-van-geojson", "gebieden/wijken.geojson"),
  mapInPlaatsVan("map-in-plaats-van-bedrijventerreinen", "bedrijventerreinen.geojson"),
  {
    name: "gebieden-is-een-bestand",
    klasse: "crash in lezer",
    file: "gebieden",
    bare: true,
    files: {
      "gebieden/gemeenten.geojson": null,
      "gebieden/wijken.geojson": null,
      "gebieden/buurten.geojson": null
    },
    setup: (d) => {
      rmSync(join(d, "gebieden"), {recursive: true, force: true});
      writeFileSync(join(d, "gebieden"), "x");
    }
  },
  {
    name: "symlink-naar-niets",
    klasse: "crash in lezer",
    file: "signalen.csv",
    files: {"signalen.csv": null},
    setup: (d) => symlinkSync(join(d, "bestaat-niet.csv"), join(d, "signalen.csv"))
  },
  eenBestand(
    "csv-nul-bytes",
    "crash in lezer",
    "signalen.csv",
    Buffer.concat([Buffer.from(signalen()), Buffer.from([0, 0, 0, 0x0a])])
  ),
  {
    name: "csv-is-xlsx",
    klasse: "crash in lezer",
    file: "vestigingen.csv",
    files: {
      "vestigingen.csv": Buffer.concat([
        Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]),
        Buffer.from("[Content_Types].xml\u0000\u0001\u0002\u00ff\u00fe")
      ])
    }
  },
  {
    name: "gemeenten-leeg",
    klasse: "crash in lezer",
    file: "gebieden/gemeenten.geojson",
    bare: true,
    files: {
      "gebieden/gemeenten.geojson": fc([]),
      "gebieden/wijken.geojson": null,
      "gebieden/buurten.geojson": null
    }
  },
  {
    name: "gemeenten-alle-codes-ongeldig",
    klasse: "crash in lezer",
    file: "gebieden/gemeenten.geojson",
    bare: true,
    files: {
      "gebieden/gemeenten.geojson": fc([feat({statcode: "0109"}, poly(200000, 500000, 210000, 510000))]),
      "gebieden/wijken.geojson": null,
      "gebieden/buurten.geojson": null
    }
  },
  {
    name: "signalen-alleen-kop",
    aanvaard: true,
    klasse: "crash in lezer",
    file: "signalen.csv",
    files: {"signalen.csv": SIG_HEADER + "\n"}
  },
  eenBestand(
    "vestigingen-alles-afgewezen",
    "crash in lezer",
    "vestigingen.csv",
    VEST_HEADER + "\n" + vest("sbi", "0000") + "\n"
  ),
  {
    name: "csv-alleen-kop-zonder-regeleinde",
    aanvaard: true,
    klasse: "crash in lezer",
    file: "panden.csv",
    files: {"panden.csv": PAND_HEADER}
  },

  // Crashes only in the build.
  {
    name: "rin-numeriek",
    aanvaard: true,
    klasse: "crash alleen in build",
    file: "bedrijventerreinen.geojson",
    files: {
      "bedrijventerreinen.geojson": bt([
        feat({RIN_NUMMER: 1234, PLAN_NAAM: "De Vosberg"}, poly(206000, 501000, 208000, 503000))
      ])
    }
  },
  {
    name: "rin-met-spaties-en-html",
    klasse: "crash alleen in build",
    file: "bedrijventerreinen.geojson",
    files: {
      "bedrijventerreinen.geojson": bt([
        feat({RIN_NUMMER: "<b>RIN 12</b>", PLAN_NAAM: "Oost"}, poly(206000, 501000, 208000, 503000))
      ])
    }
  },
  {
    name: "rin-dubbel",
    klasse: "crash alleen in build",
    file: "bedrijventerreinen.geojson",
    files: {
      "bedrijventerreinen.geojson": bt([
        BT_OK,
        feat({RIN_NUMMER: "BT-01", PLAN_NAAM: "Ander"}, poly(212000, 501000, 214000, 503000))
      ])
    }
  },
  {
    name: "plan-naam-met-email",
    klasse: "crash alleen in build",
    file: "bedrijventerreinen.geojson",
    files: {
      "bedrijventerreinen.geojson": bt([
        feat({RIN_NUMMER: "BT-01", PLAN_NAAM: "Contact jan@example.nl"}, poly(206000, 501000, 208000, 503000))
      ])
    }
  },
  {
    name: "plan-naam-met-postcode",
    klasse: "crash alleen in build",
    file: "bedrijventerreinen.geojson",
    files: {
      "bedrijventerreinen.geojson": bt([
        feat({RIN_NUMMER: "BT-01", PLAN_NAAM: "Terrein 7741 AA"}, poly(206000, 501000, 208000, 503000))
      ])
    }
  },
  gebiedGeval("buurtnaam-met-telefoon", "gebieden/buurten.geojson", {
    BU_CODE: "BU07960000",
    BU_NAAM: "Bel 0612345678",
    GM_CODE: "GM0796"
  }),
  gebiedGeval("gemeentenaam-met-kvk", "gebieden/gemeenten.geojson", {
    statcode: "GM0796",
    statnaam: "Gemeente 12345678"
  }),
  eenBestand(
    "signaal-9999-12-31",
    "crash alleen in build",
    "signalen.csv",
    signalen("S99,9999-12-31,hennep,203000,503000")
  ),
  eenBestand(
    "signaal-jaar-0001",
    "crash alleen in build",
    "signalen.csv",
    signalen("S99,0001-01-01,hennep,203000,503000")
  ),
  eenBestand(
    "signaal-jaar-2999",
    "crash alleen in build",
    "signalen.csv",
    signalen("S99,2999-06-01,hennep,203000,503000")
  ),
  eenBestand(
    "signaal-jaartal-twee-cijfers",
    "crash alleen in build",
    "signalen.csv",
    signalen("S99,01-06-20,hennep,203000,503000")
  ),
  eenBestand(
    "inschrijving-9999",
    "crash alleen in build",
    "vestigingen.csv",
    vestigingen(vest("datum_inschrijving", "9999-01-01"))
  ),
  eenBestand(
    "inschrijving-jaar-1",
    "crash alleen in build",
    "vestigingen.csv",
    vestigingen(vest("datum_inschrijving", "0001-01-01"))
  ),
  eenBestand(
    "verkrijging-2999",
    "crash alleen in build",
    "eigendommen.csv",
    eigendommen("10000003,O3,woonfunctie,2999-01-01,BU01090000")
  ),
  eenBestand(
    "leeg-sinds-2999",
    "crash alleen in build",
    "panden.csv",
    panden("P3;stal;100;2999-01-01;;203000;507000")
  ),
  gebiedGeval("buurt-gm-code-tegenstrijdig", "gebieden/buurten.geojson", {
    BU_CODE: "BU07960000",
    BU_NAAM: "Centrum",
    GM_CODE: "GM0109"
  }),
  gebiedGeval("buurt-wk-code-tegenstrijdig", "gebieden/buurten.geojson", {
    BU_CODE: "BU07960000",
    BU_NAAM: "Centrum",
    WK_CODE: "WK010900"
  }),
  gebiedGeval("wijk-gm-code-tegenstrijdig", "gebieden/wijken.geojson", {
    WK_CODE: "WK079600",
    WK_NAAM: "Binnenstad",
    GM_CODE: "GM0109"
  }),
  {
    name: "buurt-hele-land",
    klasse: "crash alleen in build",
    file: "gebieden/buurten.geojson",
    files: {
      "gebieden/buurten.geojson": fc([
        ...BUURTEN,
        feat({BU_CODE: "BU07960001", BU_NAAM: "Alles", GM_CODE: "GM0796"}, poly(0, 300000, 280000, 620000))
      ])
    }
  },
  {
    name: "wijk-buiten-eigen-gemeente",
    klasse: "crash alleen in build",
    file: "gebieden/wijken.geojson",
    files: {
      "gebieden/wijken.geojson": fc([
        ...WIJKEN,
        feat({WK_CODE: "WK079601", WK_NAAM: "Ver weg"}, poly(100000, 400000, 105000, 405000))
      ])
    }
  },
  {
    name: "buurt-oppervlakte-inf",
    klasse: "crash alleen in build",
    file: "gebieden/buurten.geojson",
    files: {
      "gebieden/buurten.geojson": fc(
        [
          ...BUURTEN.slice(0, 3),
          feat(
            {BU_CODE: "BU07960000", GM_CODE: "GM0796"},
            {
              type: "Polygon",
              coordinates: [
                [
                  [6.2, 52.48],
                  [6.34, 52.48],
                  [6.34, 1e308],
                  [6.2, 52.57],
                  [6.2, 52.48]
                ]
              ]
            }
          )
        ],
        {type: "name", properties: {name: "EPSG:4326"}}
      )
    }
  },
  {
    name: "buurt-van-wijk-die-ontbreekt",
    klasse: "crash alleen in build",
    file: "gebieden/buurten.geojson",
    files: {
      "gebieden/buurten.geojson": fc([
        ...BUURTEN,
        feat({BU_CODE: "BU07960500", BU_NAAM: "Zwerver"}, poly(215000, 505000, 216000, 506000))
      ])
    }
  },
  gebiedGeval("gemeentenaam-heel-lang", "gebieden/gemeenten.geojson", {
    statcode: "GM0796",
    statnaam: "Lang".repeat(5000)
  }),
  gebiedGeval("gemeentenaam-regeleinde", "gebieden/gemeenten.geojson", {
    statcode: "GM0796",
    statnaam: "Den\nBosch\u0000"
  }),

  // Accepted silently.
  eenBestand(
    "personen-negatief",
    "stil geaccepteerd",
    "vestigingen.csv",
    vestigingen(vest("werkzame_personen", "-500"))
  ),
  eenBestand(
    "oppervlakte-negatief",
    "stil geaccepteerd",
    "panden.csv",
    panden("P3;stal;-850;;;203000;507000")
  ),
  eenBestand(
    "personen-hex",
    "stil geaccepteerd",
    "vestigingen.csv",
    vestigingen(vest("werkzame_personen", "0x1F4"))
  ),
  eenBestand(
    "personen-duizendtal-punt",
    "stil geaccepteerd",
    "vestigingen.csv",
    vestigingen(vest("werkzame_personen", "1.500"))
  ),
  eenBestand(
    "personen-duizendtal-komma",
    "stil geaccepteerd",
    "vestigingen.csv",
    vestigingen(vest("werkzame_personen", '"1,500"'))
  ),
  eenBestand(
    "personen-underscore",
    "stil geaccepteerd",
    "vestigingen.csv",
    vestigingen(vest("werkzame_personen", "1_000"))
  ),
  eenBestand(
    "personen-breuk",
    "stil geaccepteerd",
    "vestigingen.csv",
    vestigingen(vest("werkzame_personen", "2,5"))
  ),
  eenBestand(
    "personen-onmogelijk-groot",
    "stil geaccepteerd",
    "vestigingen.csv",
    vestigingen(vest("werkzame_personen", "5000000"))
  ),
  eenBestand("x-hex", "stil geaccepteerd", "vestigingen.csv", vestigingen(vest("x", "0x31A38"))),
  {
    name: "id-excel-wetenschappelijk",
    klasse: "stil geaccepteerd",
    file: "vestigingen.csv",
    files: {
      "vestigingen.csv": vestigingen(
        vest("vestigingsnummer", "1,23457E+11", 93),
        vest("vestigingsnummer", "1,23457E+11", 94)
      )
    }
  },
  {
    name: "wijk-van-onbekende-gemeente",
    klasse: "stil geaccepteerd",
    file: "gebieden/wijken.geojson",
    files: {
      "gebieden/wijken.geojson": fc([
        ...WIJKEN,
        feat(
          {WK_CODE: "WK077200", WK_NAAM: "Elders", GM_CODE: "GM0772"},
          poly(212000, 502000, 213000, 503000)
        )
      ])
    }
  },
  {
    name: "buurt-van-onbekende-gemeente",
    klasse: "stil geaccepteerd",
    file: "gebieden/buurten.geojson",
    files: {
      "gebieden/buurten.geojson": fc([
        ...BUURTEN,
        feat({BU_CODE: "BU07720101", BU_NAAM: "Elders"}, poly(212000, 502000, 213000, 503000))
      ])
    }
  },
  {
    name: "geojson-een-losse-byte",
    klasse: "stil geaccepteerd",
    file: "gebieden/wijken.geojson",
    files: {
      "gebieden/wijken.geojson": (() => {
        const t = Buffer.from(
          gebiedenMet("gebieden/wijken.geojson", {statcode: "WK079600", statnaam: "Wijk-Één"}).replace(
            "Dalen",
            "Dal#en"
          )
        );
        t[t.indexOf("#")] = 0xe9;
        return t;
      })()
    }
  },
  {
    name: "csv-een-losse-byte",
    klasse: "stil geaccepteerd",
    file: "vestigingen.csv",
    files: {
      "vestigingen.csv": (() => {
        const t = Buffer.from(vestigingen(vest("naam", "Wijk-Één #")));
        t[t.indexOf("#")] = 0xe9;
        return t;
      })()
    }
  },
  eenBestand(
    "csv-windows-1252-met-euro",
    "stil geaccepteerd",
    "vestigingen.csv",
    win1252(vestigingen(vest("naam", "Café ’t Hoekje € – “x”")))
  ),
  eenBestand(
    "geojson-windows-1252",
    "stil geaccepteerd",
    "gebieden/gemeenten.geojson",
    win1252(fc(GEMEENTEN))
  ),
  eenBestand(
    "regel-van-40-mb",
    "stil geaccepteerd",
    "vestigingen.csv",
    vestigingen(vest("naam", "x".repeat(40 * 2 ** 20)))
  ),
  eenBestand(
    "regel-van-3-mb",
    "stil geaccepteerd",
    "vestigingen.csv",
    vestigingen(vest("naam", "x".repeat(3 * 2 ** 20)))
  ),
  eenBestand(
    "aanhalingsteken-sluit-nooit",
    "stil geaccepteerd",
    "vestigingen.csv",
    vestigingen(vest("naam", '"Zaak zonder eind'), ...vestRows(5, 40))
  ),
  {
    name: "aanhalingsteken-sluit-later",
    klasse: "stil geaccepteerd",
    file: "signalen.csv",
    files: {
      "signalen.csv":
        [
          SIG_HEADER,
          'S1,2020-01-01,"hennep,201000,502000',
          "S2,2020-01-01,hennep,201000,502000",
          'S3,2020-01-01,hennep",201000,502000',
          ...sigRows(12).slice(3)
        ].join("\n") + "\n"
    }
  },
  eenBestand(
    "einddatum-9999-als-open",
    "stil geaccepteerd",
    "vestigingen.csv",
    vestigingen(vest("datum_uitschrijving", "31-12-9999"))
  ),
  {
    name: "nbsp-in-categorie",
    aanvaard: true,
    klasse: "stil geaccepteerd",
    file: "signalen.csv",
    files: {"signalen.csv": signalen("S99,2020-01-01,hennep\u00a0,203000,503000")}
  },
  {
    name: "lege-regels-tussendoor",
    aanvaard: true,
    klasse: "stil geaccepteerd",
    file: "signalen.csv",
    files: {"signalen.csv": signalen().replace("\nS3,", "\n\n\nS3,")}
  },
  eenBestand("spaties-regel", "stil geaccepteerd", "signalen.csv", signalen("   ")),
  eenBestand("ctrl-z-aan-het-eind", "stil geaccepteerd", "signalen.csv", signalen() + "\u001a"),

  // Left behind.
  eenBestand(
    "windows-1252-kopie",
    "achtergelaten kopie",
    "vestigingen.csv",
    win1252(vestigingen(vest("naam", "Café ’t Hoekje")))
  ),
  {
    name: "windows-1252-kopie-fout",
    klasse: "achtergelaten kopie",
    file: "vestigingen.csv",
    files: {
      "vestigingen.csv": win1252(
        [
          VEST_HEADER,
          vest("naam", "Café ’t Hoekje")
            .replace("2019-01-01", "02/31/2020")
            .replace(/2019-0\d-01/, "02/31/2020")
        ].join("\n") + "\n"
      )
    }
  },

  {
    name: "kerncijfers-windows-1252-kopie-fout",
    klasse: "achtergelaten kopie",
    file: "kerncijfers/kwb-2020.json",
    files: {
      "kerncijfers/kwb-2019.csv": win1252(
        '"WijkenEnBuurten";"Gemeentenaam_1";"AantalInwoners_5"\n"GM0109    ";"Caf\u00e9 \u2019t Hoekje";35000\n'
      ),
      "kerncijfers/kwb-2020.json": '{"value": [\n  {"WijkenEnBuurten": "GM0109    ",}\n]}\n'
    }
  },
  {
    name: "kerncijfers-is-een-bestand",
    klasse: "crash in lezer",
    file: "kerncijfers",
    files: {kerncijfers: "geen map\n"}
  },
  {
    name: "kerncijfers-json-gemengde-tekenset",
    klasse: "misleidende melding",
    file: "kerncijfers/kwb-2020.json",
    files: {
      "kerncijfers/kwb-2020.json": Buffer.concat([
        Buffer.from(
          '{"value": [\n  {"WijkenEnBuurten": "GM0109    ", "Gemeentenaam_1": "Co\u00ebvorden"},\n'
        ),
        Buffer.from('  {"WijkenEnBuurten": "GM0796    ", "Gemeentenaam_1": "Co\u00ebvorden"}\n]}\n', "latin1")
      ])
    }
  },
  // Needless publication.
  {
    name: "kerncijfers-bestandsnaam",
    aanvaard: true,
    geheim: "vertrouwelijk",
    klasse: "onnodig gepubliceerd",
    file: "kerncijfers/kwb-2020-vertrouwelijk-dossier-jansen.csv",
    files: {
      "kerncijfers/kwb-2020-vertrouwelijk-dossier-jansen.csv":
        '"WijkenEnBuurten";"AantalInwoners_5"\n"GM0109    ";35000\n"GM0796    ";150000\n'
    }
  },

  // Misleading messages.
  eenBestand("utf16-le-bom", "misleidende melding", "signalen.csv", utf16le(signalen())),
  eenBestand("utf16-be-bom", "misleidende melding", "signalen.csv", utf16be(signalen())),
  eenBestand("utf16-zonder-bom", "misleidende melding", "signalen.csv", utf16le(signalen(), false)),
  eenBestand("geojson-utf16", "misleidende melding", "gebieden/wijken.geojson", utf16le(fc(WIJKEN))),
  eenBestand(
    "alleen-cr-regeleinden",
    "misleidende melding",
    "vestigingen.csv",
    vestigingen(vest("datum_inschrijving", "31-02-2020")).replace(/\n/g, "\r")
  ),
  {
    name: "excel-sep-regel",
    klasse: "misleidende melding",
    file: "vestigingen.csv",
    files: {
      "vestigingen.csv":
        "sep=;\r\n" + vestigingen(vest("datum_inschrijving", "31-02-2020")).replace(/\n/g, "\r\n")
    }
  },
  {
    name: "kopregel-boven-64-kb",
    aanvaard: true,
    klasse: "misleidende melding",
    file: "vestigingen.csv",
    files: {
      "vestigingen.csv": (() => {
        const extra = Array.from({length: 7000}, (_, i) => `extra_kolom_${i}`);
        return (
          [VEST_HEADER + ";" + extra.join(";"), ...vestRows(4).map((r) => r + ";".repeat(7000))].join("\n") +
          "\n"
        );
      })()
    }
  },
  {
    name: "regelnummer-na-meerregelig-veld",
    klasse: "misleidende melding",
    file: "vestigingen.csv",
    files: {
      "vestigingen.csv":
        [
          VEST_HEADER,
          vest("naam", '"Zaak\nmet\nregels"', 1),
          vest("datum_inschrijving", "02/31/2020", 2),
          vest("datum_inschrijving", "02/28/2020", 3)
        ].join("\n") + "\n"
    }
  },
  {
    name: "regelnummer-na-lege-regels",
    klasse: "misleidende melding",
    file: "vestigingen.csv",
    files: {
      "vestigingen.csv": [VEST_HEADER, "", "", vest("datum_inschrijving", "02/31/2020", 2)].join("\n") + "\n"
    }
  },
  eenBestand(
    "json-fout-na-cr-regels",
    "misleidende melding",
    "gebieden/wijken.geojson",
    fc(WIJKEN).replace(/,/g, ",\r").replace('"Dalen"', '"Dalen" x')
  ),
  eenBestand(
    "tab-gescheiden",
    "misleidende melding",
    "signalen.csv",
    signalen("S99,2020-01-01,vuurwerk,203000,503000").replace(/,/g, "\t")
  ),
  {
    name: "kolom-met-spaties-dubbel",
    klasse: "misleidende melding",
    file: "signalen.csv",
    files: {
      "signalen.csv": signalen()
        .replace("categorie,x", "categorie, Categorie ,x")
        .replace(/,(\d{6}),(\d{6})$/gm, ",x,$1,$2")
    }
  }
];

/**
 * A second, fresh set: new variants of every class, written after the readers were changed, to
 * check that the fixes are general rather than fitted to the cases above (`--vers`).
 */
const VERS: Case[] = [
  eenBestand(
    "v-buurtcode-9-tekens",
    "stil geaccepteerd",
    "eigendommen.csv",
    eigendommen("10000003,O3,woonfunctie,2019-01-01,BU0109000")
  ),
  {
    name: "v-panden-latlon-inf",
    klasse: "crash in lezer",
    file: "panden.csv",
    files: {
      "panden.csv":
        "pand_id;gebruiksdoel;oppervlakte_m2;leeg_sinds;leeg_tot;lat;lon\nP1;stal;100;;;52,49;6,08\nP2;stal;100;;;inf;6,08\n"
    }
  },
  {
    name: "v-xy-leeg-latlon-gevuld",
    klasse: "stil geaccepteerd",
    aanvaard: true,
    file: "signalen.csv",
    files: {
      "signalen.csv":
        "signaal_id,datum,categorie,x,y,lat,lon\nS1,2020-01-01,hennep,,,52.49,6.08\nS2,2020-01-01,hennep,203000,503000,,\n"
    }
  },
  eenBestand(
    "v-geometrie-lijst",
    "crash in lezer",
    "gebieden/buurten.geojson",
    fc([...BUURTEN, feat({BU_CODE: "BU07960001"}, [])])
  ),
  {
    name: "v-coordinates-null",
    klasse: "crash in lezer",
    file: "gebieden/buurten.geojson",
    files: {
      "gebieden/buurten.geojson": fc([
        ...BUURTEN,
        feat({BU_CODE: "BU07960001"}, {type: "Polygon", coordinates: null})
      ])
    }
  },
  {
    name: "v-bt-multipolygon-alleen-leeg",
    klasse: "crash in lezer",
    file: "bedrijventerreinen.geojson",
    files: {
      "bedrijventerreinen.geojson": bt([
        BT_OK,
        feat({RIN_NUMMER: "BT-02"}, {type: "MultiPolygon", coordinates: [[], []]})
      ])
    }
  },
  eenBestand(
    "v-buitengebied-wkt",
    "crash in lezer",
    "buitengebied.geojson",
    fc([feat({}, "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))")])
  ),
  eenBestand(
    "v-categorie-miljoen-tekens",
    "stil geaccepteerd",
    "signalen.csv",
    signalen(`S99,2020-01-01,${"h".repeat(1_000_000)},203000,503000`)
  ),
  eenBestand("v-alleen-bom", "misleidende melding", "signalen.csv", "\ufeff"),
  {
    name: "v-bom-en-sep-regel",
    klasse: "misleidende melding",
    file: "vestigingen.csv",
    files: {
      "vestigingen.csv":
        "\ufeffsep=;\r\n" + vestigingen(vest("datum_inschrijving", "31-02-2020")).replace(/\n/g, "\r\n")
    }
  },
  eenBestand(
    "v-kopregel-met-regeleinde",
    "misleidende melding",
    "signalen.csv",
    signalen().replace("signaal_id", '"signaal\n_id"')
  ),
  eenBestand(
    "v-scheidingsteken-achteraan",
    "misleidende melding",
    "signalen.csv",
    signalen().replace(/\n/g, ",\n")
  ),
  eenBestand(
    "v-kopregel-halverwege-herhaald",
    "stil geaccepteerd",
    "vestigingen.csv",
    vestigingen(VEST_HEADER, ...vestRows(3, 60))
  ),
  gebiedGeval("v-naam-bidi-override", "gebieden/gemeenten.geojson", {
    statcode: "GM0796",
    statnaam: "Den \u202eBosch"
  }),
  gebiedGeval(
    "v-naam-emoji",
    "gebieden/gemeenten.geojson",
    {statcode: "GM0796", statnaam: "Stad \u{1F3D9}\uFE0F"},
    {aanvaard: true}
  ),
  gebiedGeval("v-naam-object", "gebieden/wijken.geojson", {statcode: "WK079600", statnaam: {nl: "x"}}),
  eenBestand(
    "v-geojson-top-feature",
    "misleidende melding",
    "gebieden/wijken.geojson",
    JSON.stringify(WIJKEN[0])
  ),
  eenBestand("v-geojson-leeg-bestand", "misleidende melding", "gebieden/wijken.geojson", ""),
  eenBestand("v-geojson-alleen-bom", "misleidende melding", "gebieden/wijken.geojson", "\ufeff  \n"),
  {
    name: "v-x-duizendtallen",
    klasse: "stil geaccepteerd",
    aanvaard: true,
    file: "vestigingen.csv",
    files: {"vestigingen.csv": vestigingen(vest("x", "201.000,5"))}
  },
  {
    name: "v-personen-plus",
    klasse: "stil geaccepteerd",
    aanvaard: true,
    file: "vestigingen.csv",
    files: {"vestigingen.csv": vestigingen(vest("werkzame_personen", "+5"))}
  },
  {
    name: "v-schrikkeldag",
    klasse: "stil geaccepteerd",
    file: "signalen.csv",
    files: {
      "signalen.csv": signalen("S98,2020-02-29,hennep,203000,503000", "S99,2021-02-29,hennep,203000,503000")
    }
  },
  eenBestand(
    "v-datum-met-tijd",
    "stil geaccepteerd",
    "signalen.csv",
    signalen("S99,29-02-2020 00:00,hennep,203000,503000")
  ),
  eenBestand(
    "v-leeg-tot-9999",
    "stil geaccepteerd",
    "panden.csv",
    panden("P3;stal;100;2019-01-01;31-12-9999;203000;507000")
  ),
  {
    name: "v-bestandsnaam-hoofdletters",
    klasse: "stil geaccepteerd",
    file: "Vestigingen.CSV",
    files: {"vestigingen.csv": null, "Vestigingen.CSV": vestigingen()}
  },
  {
    name: "v-gebieden-hoofdletter",
    klasse: "crash in lezer",
    file: "gebieden",
    bare: true,
    files: {
      "gebieden/gemeenten.geojson": null,
      "gebieden/wijken.geojson": null,
      "gebieden/buurten.geojson": null
    },
    setup: (d) => {
      rmSync(join(d, "gebieden"), {recursive: true, force: true});
      mkdirSync(join(d, "Gebieden"));
      writeFileSync(join(d, "Gebieden/gemeenten.geojson"), fc(GEMEENTEN));
    }
  },
  {
    name: "v-signalen-link-naar-map",
    klasse: "crash in lezer",
    file: "signalen.csv",
    files: {"signalen.csv": null},
    setup: (d) => {
      mkdirSync(join(d, "elders"));
      symlinkSync(join(d, "elders"), join(d, "signalen.csv"));
    }
  },
  {
    name: "v-wijk-gemeente-kleine-letters",
    klasse: "crash alleen in build",
    aanvaard: true,
    file: "gebieden/wijken.geojson",
    files: {
      "gebieden/wijken.geojson": fc([
        feat({wijkcode: "wk010900", gemeentecode: "gm0109"}, poly(200000, 500000, 205000, 510000)),
        ...WIJKEN.slice(1)
      ])
    }
  },
  {
    name: "v-rin-met-punt",
    klasse: "crash alleen in build",
    aanvaard: true,
    file: "bedrijventerreinen.geojson",
    files: {
      "bedrijventerreinen.geojson": bt([
        feat({RIN_NUMMER: "0772.01", PLAN_NAAM: "Noord"}, poly(206000, 501000, 208000, 503000))
      ])
    }
  },
  {
    name: "v-windows-1252-geojson-met-euro",
    klasse: "stil geaccepteerd",
    file: "gebieden/wijken.geojson",
    files: {
      "gebieden/wijken.geojson": win1252(
        gebiedenMet("gebieden/wijken.geojson", {statcode: "WK079600", statnaam: "Café ’t Hoekje"})
      )
    }
  }
];

const GROOT: Case[] = [
  {
    name: "geojson-600-mb",
    klasse: "crash in lezer",
    file: "gebieden/buurten.geojson",
    groot: true,
    setup: (d) => writeBigGeoJson(join(d, "gebieden/buurten.geojson"), 600 * 2 ** 20)
  }
];

/** Writes a valid buurten GeoJSON of about `bytes` bytes (one buurt with a very detailed ring). */
function writeBigGeoJson(path: string, bytes: number): void {
  const fd = openSync(path, "w");
  writeSync(fd, `{"type":"FeatureCollection","crs":${JSON.stringify(RD_CRS)},"features":[`);
  const perPoint = "[210000.123456,500000.123456],".length;
  const points = Math.floor(bytes / perPoint);
  const chunk: string[] = [];
  for (let f = 0; f < 4; f++) {
    writeSync(
      fd,
      `${f ? "," : ""}{"type":"Feature","properties":{"BU_CODE":"BU0796000${f}"},"geometry":{"type":"Polygon","coordinates":[[`
    );
    const n = Math.floor(points / 4);
    for (let i = 0; i < n; i++) {
      const t = (i / n) * 2 * Math.PI;
      chunk.push(
        `[${(215000 + 4000 * Math.cos(t)).toFixed(6)},${(505000 + 4000 * Math.sin(t)).toFixed(6)}],`
      );
      if (chunk.length === 10000) {
        writeSync(fd, chunk.join(""));
        chunk.length = 0;
      }
    }
    writeSync(fd, chunk.join("") + "[219000,505000]]]}}");
    chunk.length = 0;
  }
  writeSync(fd, "]}");
  closeSync(fd);
}

// ---------------------------------------------------------------------------------------------

interface RunResult {
  code: number | null;
  out: string;
  err: string;
  timedOut: boolean;
  ms: number;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunResult> {
  return new Promise((res) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, {env, stdio: ["ignore", "pipe", "pipe"], detached: true});
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      res({code, out, err, timedOut, ms: Math.round(performance.now() - t0)});
    });
  });
}

type Uitkomst =
  | "crash"
  | "hangt"
  | "stil"
  | "melding"
  | "melding zonder bestand"
  | "geteld"
  | "aanvaard"
  | "gebouwd"
  | "gepubliceerd";

function hasStack(s: string): boolean {
  return /\n\s+at [^\n]+[(:]\d+/.test(s) || /\n\s+at /.test(s);
}

function lastLine(s: string): string {
  return s.trim().split("\n").pop() ?? "";
}

/** Classifies a check-data run. */
function classifyCheck(c: Case, r: RunResult): Uitkomst {
  if (r.timedOut) return "hangt";
  if (r.code === 1 && /^FOUT/.test(lastLine(r.err)) && !hasStack(r.err))
    return lastLine(r.err).includes(c.file) ? "melding" : "melding zonder bestand";
  if (r.code !== 0) return "crash";
  // Exit 0: the report must count or note something on the file.
  const lines = r.out.split("\n");
  const i = lines.findIndex((l) => l.startsWith(`${c.file}:`));
  if (i < 0) return c.aanvaard ? "aanvaard" : "stil";
  const m = /(\d[\d.]*) afgewezen/.exec(lines[i]);
  if (m && Number(m[1].replace(/\./g, "")) > 0) return "geteld";
  for (let j = i + 1; j < lines.length && lines[j].startsWith("  "); j++)
    if (/^\s+(let op|afgewezen):/.test(lines[j]) || /tekenset|encoding windows-1252/.test(lines[j]))
      return "geteld";
  return c.aanvaard ? "aanvaard" : "stil";
}

/** Classifies a pipeline run (prebuild). */
function classifyBuild(c: Case, r: RunResult, repo: string): Uitkomst {
  if (r.timedOut) return "hangt";
  if (r.code === 1 && /^FOUT/.test(lastLine(r.err)) && !hasStack(r.err))
    return lastLine(r.err).includes(c.file) ? "melding" : "melding zonder bestand";
  if (r.code !== 0) return "crash";
  // "gepubliceerd" when `geheim` reached a file of the pipeline's result.
  const key = /pijplijn: (?:berekend|uit cache) \(([0-9a-f]+)\)/.exec(r.err)?.[1];
  if (c.geheim && key) {
    const walk = (d: string): string[] =>
      readdirSync(d, {withFileTypes: true}).flatMap((e) =>
        e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]
      );
    for (const f of walk(join(repo, ".cache", "pipeline", key)))
      if (readFileSync(f).toString("latin1").toLowerCase().includes(c.geheim)) return "gepubliceerd";
  }
  return "gebouwd";
}

/**
 * What a run left in its own temporary folder (each run gets an empty TMPDIR, so that other
 * processes on the machine cannot be mistaken for it), and a `.tmp` spill folder of DuckDB in
 * the working folder.
 */
function leftovers(tmp: string, repo: string): string[] {
  const out = readdirSync(tmp).map((e) => join(tmp, e));
  if (existsSync(join(repo, ".tmp"))) out.push(join(repo, ".tmp"));
  return out;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flag = (name: string) => argv.includes(name);
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const alleen = value("--alleen");
  const filter = value("--filter");
  const cases = [...(flag("--vers") ? VERS : CASES), ...(flag("--groot") ? GROOT : [])].filter(
    (c) => !filter || c.name.includes(filter)
  );
  const root = mkdtempSync(join(tmpdir(), "hostile-"));
  const repo = resolve(dirname(new URL(import.meta.url).pathname), "..");
  const tsx = join(repo, "node_modules", ".bin", "tsx");
  const results: {
    name: string;
    klasse: Klasse;
    check?: Uitkomst;
    build?: Uitkomst;
    rest: string[];
    melding?: string;
  }[] = [];
  for (const c of cases) {
    const dir = join(root, c.name);
    mkdirSync(join(dir, "gebieden"), {recursive: true});
    const files = {
      ...(c.bare
        ? Object.fromEntries(Object.entries(DEFAULTS).filter(([f]) => f.startsWith("gebieden/")))
        : DEFAULTS),
      ...c.files
    };
    for (const [f, content] of Object.entries(files)) {
      if (content == null) continue;
      mkdirSync(dirname(join(dir, f)), {recursive: true});
      writeFileSync(join(dir, f), content);
    }
    c.setup?.(dir);
    const entry: (typeof results)[number] = {name: c.name, klasse: c.klasse, rest: []};
    const tmp = join(root, `${c.name}.tmp`);
    mkdirSync(tmp);
    // (tsx keeps its compile cache there too: not counted.)
    const env = {...process.env, BRONMAP: dir, TMPDIR: tmp};
    const rest = () => leftovers(tmp, repo).filter((e) => !/tsx-\d+/.test(e));
    if (alleen !== "build") {
      const r = await run(tsx, [join(repo, "scripts/check-data.ts"), dir], env, 120_000);
      entry.check = classifyCheck(c, r);
      entry.melding = r.code === 0 ? undefined : lastLine(r.err).slice(0, 300);
      if (entry.check === "crash" && process.env.HOSTILE_DEBUG) process.stderr.write(r.err.slice(-3000));
      entry.rest.push(...rest());
    }
    if (alleen !== "check") {
      const r = await run(tsx, [join(repo, "scripts/prebuild.ts")], env, 300_000);
      entry.build = classifyBuild(c, r, repo);
      if (r.code !== 0 && !entry.melding) entry.melding = lastLine(r.err).slice(0, 300);
      if (entry.build === "crash" && process.env.HOSTILE_DEBUG) process.stderr.write(r.err.slice(-3000));
      for (const e of rest()) if (!entry.rest.includes(e)) entry.rest.push(e);
    }
    rmSync(tmp, {recursive: true, force: true});
    rmSync(join(repo, ".tmp"), {recursive: true, force: true});
    results.push(entry);
    process.stderr.write(
      `${c.name.padEnd(40)} check: ${String(entry.check ?? "-").padEnd(22)} build: ${String(entry.build ?? "-").padEnd(22)}${entry.rest.length ? ` ACHTERGELATEN ${entry.rest.length}` : ""}${entry.melding ? `\n    ${entry.melding}` : ""}\n`
    );
  }
  rmSync(root, {recursive: true, force: true});
  const count = (key: "check" | "build", u: Uitkomst) => results.filter((r) => r[key] === u).length;
  const lines: string[] = [`\n${results.length} gevallen`];
  for (const key of ["check", "build"] as const) {
    if (results.every((r) => r[key] === undefined)) continue;
    const us: Uitkomst[] = [
      "crash",
      "hangt",
      "stil",
      "melding zonder bestand",
      "melding",
      "geteld",
      "aanvaard",
      "gebouwd",
      "gepubliceerd"
    ];
    lines.push(
      `${key === "check" ? "check-data" : "build (pijplijn)"}: ${us.map((u) => `${u} ${count(key, u)}`).join(", ")}`
    );
  }
  lines.push(`achtergelaten tijdelijke bestanden: ${results.reduce((s, r) => s + r.rest.length, 0)}`);
  const byClass = new Map<Klasse, typeof results>();
  for (const r of results) byClass.set(r.klasse, [...(byClass.get(r.klasse) ?? []), r]);
  for (const [k, rs] of byClass)
    lines.push(
      `  ${k}: ${rs.length} gevallen; check-data crash ${rs.filter((r) => r.check === "crash").length}, stil ${rs.filter((r) => r.check === "stil").length}; build crash ${rs.filter((r) => r.build === "crash").length}`
    );
  process.stdout.write(lines.join("\n") + "\n");
  const json = value("--json");
  if (json) writeFileSync(json, JSON.stringify(results, null, 1));
}

await main();
