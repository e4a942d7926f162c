/**
 * Record files of the demo region in the bronmap layout: vestigingen, eigendommen, panden and
 * signalen. Base rates give ordinary figures everywhere; the planted patterns (see
 * docs/demo-regio.md and `demo.json`) add the trends the stories should find. Identifiers look
 * real (8-digit KvK numbers, 12-digit vestigingsnummers, postcodes, RD coordinates) because the
 * exposure scan of the built site searches for exactly such values.
 */
import {join} from "node:path";
import {rdToWgs84} from "../geo/crs.ts";
import {isSbiCode} from "../sources/sbi.ts";
import {randomPointIn, type DemoGeography} from "./geography.ts";
import {ACHTERNAMEN, VOORNAMEN} from "./names.ts";
import {Rng, WeightedPicker} from "./random.ts";
import {DEMO_JAREN, type Society} from "./society.ts";
import {LineWriter} from "./writer.ts";

/** Which gemeente (by index) plays which planted role; national scale repeats roles modulo 8. */
export const ROLES = {
  beautyStijging: [1, 4],
  vakantieparken: [3],
  zorgVastgoed: [2],
  leegstandAgrarisch: [5],
  drugsafval: [6]
} as const;

/** Sizes of the record files. */
export interface RecordSize {
  vestigingen: number;
  signalenPer1000: number;
  pandenPerKm2Buiten: number;
}

/** What the record generator planted, for demo.json and the tests. */
export interface PlantedRecords {
  zorgVastgoedWijken: string[];
  geplanteAfwijzingen: Record<string, Record<string, number>>;
}

interface SbiMix {
  sectie: string;
  share: number;
  codes: [string, number][];
}

// Shares roughly follow the KvK register by section; within sections, the codes the risk
// branches use get realistic weights, other divisions a generic class.
const MIX: SbiMix[] = [
  {
    sectie: "A",
    share: 0.045,
    codes: [
      ["0111", 3],
      ["0141", 2],
      ["0146", 2],
      ["0161", 1],
      ["0210", 0.3],
      ["0311", 0.1]
    ]
  },
  {sectie: "B", share: 0.001, codes: [["0812", 1]]},
  {
    sectie: "C",
    share: 0.04,
    codes: [
      ["1071", 2],
      ["1610", 1],
      ["2511", 1],
      ["2562", 1],
      ["3109", 1],
      ["3299", 1],
      ["3312", 1]
    ]
  },
  {sectie: "D", share: 0.012, codes: [["3511", 1]]},
  {
    sectie: "E",
    share: 0.002,
    codes: [
      ["3811", 1],
      ["3832", 1]
    ]
  },
  {
    sectie: "F",
    share: 0.11,
    codes: [
      ["4120", 2],
      ["4211", 0.3],
      ["4321", 2],
      ["4322", 2],
      ["4332", 2],
      ["4334", 2],
      ["4399", 1]
    ]
  },
  {
    sectie: "G",
    share: 0.16,
    codes: [
      ["4511", 3],
      ["4520", 3],
      ["4532", 1],
      ["4619", 2],
      ["4690", 2],
      ["4711", 1],
      ["4719", 1],
      ["4771", 1.5],
      ["4742", 0.5],
      ["4777", 0.4],
      ["47781", 0.2],
      ["47783", 0.2],
      ["47789", 0.2],
      ["47791", 0.2],
      ["47793", 0.3],
      ["4791", 4]
    ]
  },
  {
    sectie: "H",
    share: 0.04,
    codes: [
      ["4932", 3],
      ["4941", 4],
      ["5210", 1],
      ["5229", 1],
      ["5320", 1]
    ]
  },
  {
    sectie: "I",
    share: 0.04,
    codes: [
      ["5510", 1],
      ["5520", 0.6],
      ["5530", 0.4],
      ["56101", 3],
      ["56102", 3],
      ["5621", 0.5],
      ["5630", 2]
    ]
  },
  {
    sectie: "J",
    share: 0.055,
    codes: [
      ["5811", 0.5],
      ["5912", 0.5],
      ["6201", 4],
      ["6202", 2],
      ["6312", 0.5],
      ["6391", 0.3]
    ]
  },
  {
    sectie: "K",
    share: 0.04,
    codes: [
      ["6420", 6],
      ["6619", 1],
      ["6622", 1]
    ]
  },
  {
    sectie: "L",
    share: 0.025,
    codes: [
      ["6810", 2],
      ["68201", 0.3],
      ["68203", 4],
      ["68204", 1.7],
      ["6831", 2]
    ]
  },
  {
    sectie: "M",
    share: 0.17,
    codes: [
      ["6910", 1],
      ["6920", 2],
      ["7010", 3],
      ["7022", 6],
      ["7111", 1],
      ["7112", 2],
      ["7311", 1],
      ["7410", 2],
      ["7420", 1.5],
      ["7490", 1.5],
      ["7500", 0.2]
    ]
  },
  {
    sectie: "N",
    share: 0.06,
    codes: [
      ["7711", 0.5],
      ["7810", 1],
      ["78201", 0.5],
      ["7911", 0.5],
      ["8010", 0.5],
      ["8121", 2],
      ["8130", 1.5],
      ["8211", 1],
      ["8299", 2]
    ]
  },
  {sectie: "O", share: 0.001, codes: [["8411", 1]]},
  {
    sectie: "P",
    share: 0.045,
    codes: [
      ["8520", 0.3],
      ["8531", 0.3],
      ["8551", 2],
      ["8552", 2],
      ["8559", 3]
    ]
  },
  {
    sectie: "Q",
    share: 0.075,
    codes: [
      ["8610", 0.1],
      ["8621", 1],
      ["86912", 3],
      ["86919", 1.5],
      ["86924", 0.3],
      ["86925", 0.2],
      ["8623", 1],
      ["8710", 0.3],
      ["8720", 0.4],
      ["88101", 1],
      ["88103", 0.5],
      ["8891", 0.5],
      ["8899", 2]
    ]
  },
  {
    sectie: "R",
    share: 0.045,
    codes: [
      ["9001", 2],
      ["9002", 1],
      ["9003", 3],
      ["9102", 0.2],
      ["9311", 0.5],
      ["9313", 1],
      ["9319", 1]
    ]
  },
  {
    sectie: "S",
    share: 0.04,
    codes: [
      ["9411", 0.5],
      ["9499", 1.5],
      ["9511", 0.3],
      ["96021", 3],
      ["96022", 3.5],
      ["9604", 0.6],
      ["9609", 2]
    ]
  }
];
/**
 * SBI 2025 code of a demo SBI 2008 code, where the code moved or changed meaning (titles compared
 * in data-loaders/sources/sbi/); null where the demo gives no SBI 2025 code. Other codes keep
 * their number when SBI 2025 has it (as class, or as its only subclass `…0`).
 */
const SBI2025_VAN: Readonly<Record<string, string | null>> = {
  "4511": "47810", // car trade: retail of motor vehicles
  "4520": "95311", // car repair moved to section T
  "4532": null,
  "4742": "47402",
  "47783": "47789", // art shops have no code of their own in SBI 2025
  "4791": null,
  "4932": "49330", // taxi: on-demand passenger transport with driver
  "56101": "56111",
  "56102": "56112",
  "2562": null,
  "3832": "38210",
  "6391": null,
  "6420": "64210",
  "68203": "68202", // other dwellings
  "68204": "68203", // non-residential
  "86912": "86950",
  "86919": "86994",
  "86924": "86910",
  "86925": "86920",
  "8720": "87201",
  "88101": "86942", // home care: nursing and care at home
  "96021": "96210",
  "96022": "96220",
  "9604": "96230"
};

/** The SBI 2025 code the demo writes next to (or, after the recoding, instead of) an SBI 2008 code. */
export function demoSbi2025(sbi2008: string): string | null {
  if (sbi2008 in SBI2025_VAN) return SBI2025_VAN[sbi2008];
  if (isSbiCode(sbi2008, "sbi2025")) return sbi2008;
  return isSbiCode(`${sbi2008}0`, "sbi2025") ? `${sbi2008}0` : null;
}

/** KvK recoded the register to SBI 2025 in September 2025; establishments registered later get only that. */
const HERCODERING = "2025-09-01";

const FLAT_CODES: string[] = [];
const FLAT_WEIGHTS: number[] = [];
for (const m of MIX) {
  const total = m.codes.reduce((s, [, w]) => s + w, 0);
  for (const [code, w] of m.codes) {
    FLAT_CODES.push(code);
    FLAT_WEIGHTS.push((m.share * w) / total);
  }
}
const SBI_PICKER = new WeightedPicker(FLAT_WEIGHTS);
/** Codes typical for bedrijventerreinen and the buitengebied get extra weight there. */
const BT_BOOST = /^(1|2|3|41|42|43|46|49|52|4511|4520)/;

const ACTIVITEIT: [RegExp, string][] = [
  [/^01/, "Agrarisch bedrijf"],
  [/^4[123]/, "Bouw"],
  [/^45/, "Autobedrijf"],
  [/^47/, "Winkel"],
  [/^49/, "Transport"],
  [/^55/, "Recreatie"],
  [/^56102/, "Snackbar"],
  [/^56/, "Eethuis"],
  [/^62/, "ICT"],
  [/^68/, "Vastgoed"],
  [/^70/, "Advies"],
  [/^86/, "Praktijk"],
  [/^8[78]/, "Zorg"],
  [/^90/, "Atelier"],
  [/^96021/, "Kapsalon"],
  [/^96022/, "Nagelstudio"],
  [/^96/, "Diensten"]
];

function activiteit(sbi: string): string {
  return ACTIVITEIT.find(([re]) => re.test(sbi))?.[1] ?? "Onderneming";
}

function rechtsvorm(rng: Rng, sbi: string): string {
  if (/^8[78]/.test(sbi)) return rng.pick(["Stichting", "Stichting", "Besloten Vennootschap", "Eenmanszaak"]);
  if (/^(94|85)/.test(sbi) && rng.chance(0.5)) return rng.pick(["Vereniging", "Stichting"]);
  const r = rng.random();
  return r < 0.6
    ? "Eenmanszaak"
    : r < 0.86
      ? "Besloten Vennootschap"
      : r < 0.94
        ? "Vennootschap onder firma"
        : r < 0.97
          ? "Commanditaire vennootschap"
          : r < 0.99
            ? "Stichting"
            : "Coöperatie";
}

function personen(rng: Rng, vorm: string): number {
  if (vorm === "Eenmanszaak") return rng.chance(0.85) ? 1 : rng.int(2, 5);
  return Math.max(1, Math.round(Math.exp(rng.normal(1.3, 1.1))));
}

/** `yyyy-mm-dd` of a day-of-year offset. */
function isoDate(year: number, dayOfYear: number): string {
  const d = new Date(Date.UTC(year, 0, 1 + dayOfYear));
  return d.toISOString().slice(0, 10);
}

function randomDate(rng: Rng, year: number): string {
  return isoDate(year, rng.int(0, 364));
}

/** Adds fractional years to an iso date, returning iso or null when past the end of 2025. */
function plusYears(iso: string, years: number): string | null {
  const t = Date.parse(iso) + years * 365.25 * 86400_000;
  return t >= Date.UTC(2026, 0, 1) ? null : new Date(t).toISOString().slice(0, 10);
}

/** Generates and writes vestigingen.csv, eigendommen.csv, panden.csv and signalen.csv. */
export async function writeRecords(
  rng: Rng,
  dir: string,
  geo: DemoGeography,
  society: Society,
  size: RecordSize
): Promise<PlantedRecords> {
  // Buildings and signals draw from streams of their own, so that a change in how establishments
  // are generated does not reshuffle the planted patterns of the other files.
  const rngPanden = new Rng(rng.int(1, 999_999_999));
  const rngSignalen = new Rng(rng.int(1, 999_999_999));
  const buurten = geo.buurten;
  const role = (g: number, r: readonly number[]): boolean => r.includes(g % 8);
  const pop2020 = buurten.map((_, b) => society.profiles[b][5].inwoners ?? 0);
  const estWeight = buurten.map((b, i) =>
    b.kind === "bedrijven" ? 900 : b.kind === "buiten" ? pop2020[i] * 1.4 + 20 : pop2020[i] + 10
  );
  const buurtPicker = new WeightedPicker(estWeight);
  const perGemeentePicker = geo.gemeenten.map((g) => ({
    list: g.buurten,
    picker: new WeightedPicker(g.buurten.map((b) => estWeight[b]))
  }));
  const zorgWijken = new Set<number>();
  for (const [gi, g] of geo.gemeenten.entries())
    if (role(gi, ROLES.zorgVastgoed) && g.wijken.length > 1) zorgWijken.add(g.wijken[1]);

  // --- vestigingen -----------------------------------------------------------------------------
  const vest = new LineWriter(join(dir, "vestigingen.csv"));
  await vest.line(
    "vestigingsnummer;kvk_nummer;naam;sbi;sbi2025;rechtsvorm;werkzame_personen;datum_inschrijving;datum_uitschrijving;postcode;huisnummer;x;y;moeder_kvk_nummer"
  );
  const eig = new LineWriter(join(dir, "eigendommen.csv"));
  await eig.line("kvk_nummer;object_id;gebruiksdoel;datum_verkrijging;datum_vervreemding;x;y");
  let kvkSeq = 10_000_000 + rng.int(0, 5_000_000);
  let vestSeq = rng.int(10_000_000, 20_000_000);
  let objSeq = 0;
  const letters = "ABCEGHJKLMNPRTVWXZ";
  const lastKvk: string[] = [];

  const writeEstablishment = async (
    b: number,
    sbi: string,
    start: string,
    meanLife: number
  ): Promise<void> => {
    const buurt = buurten[b];
    const vorm = rechtsvorm(rng, sbi);
    const end = plusYears(start, -Math.log(1 - rng.random()) * meanLife);
    if (end != null && end < "2015-01-01") return;
    // About 6% of establishments are branches of a company that already has one.
    const kvk =
      lastKvk.length > 100 && rng.chance(0.06) ? rng.pick(lastKvk) : String(kvkSeq++ + rng.int(0, 3) * 0);
    if (lastKvk.length < 5000) lastKvk.push(kvk);
    else lastKvk[rng.int(0, 4999)] = kvk;
    kvkSeq += rng.int(1, 40);
    vestSeq += rng.int(1, 60);
    const vnr = String(vestSeq).padStart(12, "0");
    const eigenaar = `${rng.pick(VOORNAMEN)} ${rng.pick(ACHTERNAMEN)}`;
    const naam =
      vorm === "Eenmanszaak"
        ? `${activiteit(sbi)} ${eigenaar}`
        : `${rng.pick(ACHTERNAMEN).replace(/^(de|van den|van|el) /i, "")} ${activiteit(sbi)} ${vorm === "Besloten Vennootschap" ? "B.V." : vorm === "Stichting" ? "(stichting)" : ""}`.trim();
    const [x, y] = randomPointIn(rng, buurt);
    const postcode = `${buurt.postcode4}${letters[rng.int(0, letters.length - 1)]}${letters[rng.int(0, letters.length - 1)]}`;
    // Real estate: property companies own several objects; care providers (the risky care codes:
    // 87, 88.10, 86.9) in the planted wijk often do too (zorg x vastgoed), a third of them through
    // a holding of their own; others rarely.
    const zorg = /^(87|8810|869)/.test(sbi);
    const plantedZorg = zorg && zorgWijken.has(buurt.wijk);
    const holding = plantedZorg && rng.chance(0.35) ? String(kvkSeq++) : null;
    // Both classifications while the establishment exists after the recoding; after the
    // recoding a new registration has only its SBI 2025 code (when the demo knows one).
    const sbi2025 = end == null || end >= HERCODERING ? demoSbi2025(sbi) : null;
    const alleen2025 = sbi2025 != null && start >= HERCODERING;
    await vest.line(
      [
        vnr,
        kvk,
        naam,
        alleen2025 ? "" : sbi,
        sbi2025 ?? "",
        vorm,
        personen(rng, vorm),
        start,
        end ?? "",
        postcode,
        rng.int(1, 240),
        x,
        y,
        holding ?? ""
      ].join(";")
    );
    const objects = /^68/.test(sbi)
      ? 1 + rng.poisson(1.5)
      : plantedZorg
        ? rng.chance(0.75)
          ? rng.int(2, 5)
          : 0
        : rng.chance(zorg ? 0.04 : 0.03)
          ? 1
          : 0;
    for (let o = 0; o < objects; o++) {
      const target = rng.chance(0.6)
        ? b
        : perGemeentePicker[buurt.gemeente].list[perGemeentePicker[buurt.gemeente].picker.pick(rng)];
      const [ox, oy] = randomPointIn(rng, buurten[target]);
      const from = start > "2005-01-01" ? start : "2005-01-01";
      const fromT = Date.parse(from);
      const toT = Date.parse(end ?? "2025-12-31");
      const verkrijging = new Date(fromT + rng.random() * Math.max(0, toT - fromT))
        .toISOString()
        .slice(0, 10);
      const doel = rng.pick([
        "woonfunctie",
        "woonfunctie",
        "woonfunctie",
        "woonfunctie",
        "kantoorfunctie",
        "winkelfunctie",
        "industriefunctie",
        "logiesfunctie",
        "bijeenkomstfunctie",
        "gezondheidszorgfunctie"
      ]);
      // One object in eight is sold again before the end of the demo years.
      const vervreemding =
        rng.chance(0.125) && verkrijging < "2025-06-30"
          ? new Date(
              Date.parse(verkrijging) + rng.random() * (Date.parse("2025-12-31") - Date.parse(verkrijging))
            )
              .toISOString()
              .slice(0, 10)
          : "";
      const gm = geo.gemeenten[buurten[target].gemeente].code.slice(2);
      await eig.line(
        [
          holding ?? kvk,
          `${gm}01${String(++objSeq).padStart(10, "0")}`,
          doel,
          verkrijging,
          vervreemding,
          ox,
          oy
        ].join(";")
      );
    }
  };

  const yearWeights = DEMO_JAREN.map((j) => 1 + 0.03 * (j - 2015));
  const yearPicker = new WeightedPicker(yearWeights);
  for (let i = 0; i < size.vestigingen; i++) {
    const b = buurtPicker.pick(rng);
    let sbi = FLAT_CODES[SBI_PICKER.pick(rng)];
    const kind = buurten[b].kind;
    // Bedrijventerreinen and the buitengebied have their own mix: redraw until it fits, a few times.
    for (let k = 0; k < 3; k++) {
      const fits =
        kind === "kern"
          ? true
          : kind === "bedrijven"
            ? BT_BOOST.test(sbi)
            : /^(01|4[123]|49|55|68|70|62)/.test(sbi) || rng.chance(0.3);
      if (fits) break;
      sbi = FLAT_CODES[SBI_PICKER.pick(rng)];
    }
    if (kind === "buiten" && rng.chance(0.12)) sbi = rng.pick(["0111", "0141", "0146", "0161"]);
    const start = rng.chance(0.38)
      ? randomDate(rng, Math.max(1975, 2014 - Math.floor(-Math.log(1 - rng.random()) * 9)))
      : randomDate(rng, DEMO_JAREN[yearPicker.pick(rng)]);
    await writeEstablishment(b, sbi, start, /^(56|96)/.test(sbi) ? 6 : 11);
  }

  // Planted: nail and beauty studios rising from 2017 in the beauty gemeenten; holiday parks
  // rising in the buitengebied of the holiday-park gemeente; extra care providers in the
  // zorg x vastgoed wijk.
  const scale = size.vestigingen / 40000 / (geo.gemeenten.length / 8);
  for (const [gi, g] of geo.gemeenten.entries()) {
    if (role(gi, ROLES.beautyStijging)) {
      const kern = g.buurten.filter((b) => buurten[b].kind === "kern");
      for (const jaar of DEMO_JAREN) {
        const n = Math.round(scale * 2.2 * Math.max(0, jaar - 2016) ** 1.5);
        for (let k = 0; k < n; k++)
          await writeEstablishment(rng.pick(kern), "96022", randomDate(rng, jaar), 5);
      }
    }
    if (role(gi, ROLES.vakantieparken)) {
      const buiten = g.buurten.filter((b) => buurten[b].kind === "buiten");
      for (const jaar of DEMO_JAREN) {
        const n = Math.round(scale * 2.5 * Math.max(0, jaar - 2016));
        for (let k = 0; k < n && buiten.length; k++)
          await writeEstablishment(
            rng.pick(buiten),
            rng.chance(0.6) ? "5520" : "5530",
            randomDate(rng, jaar),
            12
          );
      }
    }
  }
  for (const w of zorgWijken) {
    const list = geo.wijken[w].buurten;
    const n = Math.round(scale * 60);
    for (let k = 0; k < n; k++) {
      await writeEstablishment(
        rng.pick(list),
        rng.pick(["88101", "88103", "8720", "86919"]),
        randomDate(rng, DEMO_JAREN[rng.int(0, 10)]),
        9
      );
    }
  }
  // Planted rejections, so the data-quality report shows its mechanism on the demo.
  const anyBuurt = buurten[0];
  const [px, py] = randomPointIn(rng, anyBuurt);
  const rej = (vnr: string, sbi: string, start: string, x: number, y: number): Promise<void> =>
    vest.line(
      [
        vnr,
        "99999999",
        "Testregel (fictief)",
        sbi,
        "",
        "Eenmanszaak",
        1,
        start,
        "",
        `${anyBuurt.postcode4}AA`,
        1,
        x,
        y,
        ""
      ].join(";")
    );
  await rej("999900000001", "0000", "2020-03-01", px, py); // onbekende SBI-code
  await rej("999900000002", "00", "2020-03-01", px, py);
  await rej("999900000003", "56109", "2020-03-01", px, py); // a division that exists, a code that does not
  await rej("999900000004", "4711", "31-02-2020", px, py); // ongeldige datum
  await rej("999900000005", "4711", "2020-03-01", 5000, 300000); // locatie buiten de regio
  await rej("999900000006", "4711", "2020-03-01", 5000, 300000);
  await rej("999900000007", "4711", "2020-03-01", px, py);
  await rej("999900000007", "4711", "2020-03-01", px, py); // dubbel id
  await vest.close();
  await eig.close();

  // --- panden: agrarian buildings in the buitengebied ------------------------------------------
  const pand = new LineWriter(join(dir, "panden.csv"));
  await pand.line("pand_id;gebruiksdoel;oppervlakte_m2;leeg_sinds;leeg_tot;x;y");
  let pandSeq = 0;
  for (const [bi, b] of buurten.entries()) {
    if (b.kind !== "buiten") continue;
    const strong = role(b.gemeente, ROLES.leegstandAgrarisch);
    const n = rngPanden.poisson(b.areaKm2 * size.pandenPerKm2Buiten + 2);
    for (let k = 0; k < n; k++) {
      const [x, y] = randomPointIn(rngPanden, b);
      let sinds: string | null = null;
      let tot: string | null = null;
      for (let jaar = 2010; jaar <= 2025 && !sinds; jaar++) {
        const p = 0.01 * (1 + 0.16 * Math.max(0, jaar - 2012)) * (strong ? 2.4 : 1);
        if (rngPanden.chance(p)) sinds = randomDate(rngPanden, jaar);
      }
      if (sinds && rngPanden.chance(0.35)) tot = plusYears(sinds, rngPanden.uniform(0.5, 4));
      const opp = Math.round(Math.exp(rngPanden.normal(6.6, 0.6)));
      const doel = rngPanden.pick(["stal", "stal", "schuur", "loods", "kas", "agrarische bedrijfswoning"]);
      const gm = geo.gemeenten[b.gemeente].code.slice(2);
      await pand.line(
        [`${gm}10${String(++pandSeq).padStart(10, "0")}`, doel, opp, sinds ?? "", tot ?? "", x, y].join(";")
      );
      void bi;
    }
  }
  await pand.close();

  // --- signalen, with lat/lon as exported by many registration systems --------------------------
  const sig = new LineWriter(join(dir, "signalen.csv"));
  await sig.line("signaal_id,datum,categorie,lat,lon");
  let sigSeq = 0;
  const f = size.signalenPer1000 / 1000;
  for (const [bi, b] of buurten.entries()) {
    const low = society.lowResilience.has(bi);
    const drugs = role(b.gemeente, ROLES.drugsafval);
    for (const [yi, jaar] of DEMO_JAREN.entries()) {
      const pop = society.profiles[bi][yi].inwoners ?? 0;
      const t = jaar - 2015;
      const rates: [string, number][] = [
        ["overlast", pop * f * 1.0 * (low ? 3 : 1)],
        ["hennep", pop * f * 0.2 * (low ? 4 : 1) + (b.kind === "buiten" ? 0.08 : 0)],
        ["drugsafval", b.kind === "buiten" ? 0.08 * (drugs ? 3 * (1 + 0.5 * t) : 1) : 0],
        ["drugslab", b.kind !== "kern" ? 0.015 : 0],
        ["mensenhandel", pop * f * 0.03],
        ["witwassen", pop * f * 0.05],
        ["bibob", b.kind === "kern" ? 0.03 : 0.01],
        ["adreskwaliteit", pop * f * 0.3 * (low ? 4 : 1)]
      ];
      for (const [cat, rate] of rates) {
        const n = rngSignalen.poisson(rate);
        for (let k = 0; k < n; k++) {
          const [x, y] = randomPointIn(rngSignalen, b);
          const [lon, lat] = rdToWgs84(x, y);
          await sig.line(
            `SIG-${jaar}-${String(++sigSeq).padStart(7, "0")},${randomDate(rngSignalen, jaar)},${cat},${lat.toFixed(6)},${lon.toFixed(6)}`
          );
        }
      }
    }
  }
  const [qx, qy] = randomPointIn(rngSignalen, anyBuurt);
  const [qlon, qlat] = rdToWgs84(qx, qy);
  await sig.line(`SIG-2020-9999991,2020-05-05,vuurwerk,${qlat.toFixed(6)},${qlon.toFixed(6)}`); // onbekende categorie
  await sig.line(`SIG-2020-9999992,2020-05-05,vuurwerk,${qlat.toFixed(6)},${qlon.toFixed(6)}`);
  await sig.line(`SIG-2020-9999993,2020-05-05,overlast,,`); // geen locatie
  await sig.close();

  return {
    zorgVastgoedWijken: [...zorgWijken].map((w) => geo.wijken[w].code),
    geplanteAfwijzingen: {
      "vestigingen.csv": {
        "onbekende SBI-code": 3,
        "ongeldige datum": 1,
        "locatie buiten de regio": 2,
        "dubbel id": 1
      },
      "signalen.csv": {"onbekende categorie": 2, "geen locatie": 1}
    }
  };
}
