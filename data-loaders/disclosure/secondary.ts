/**
 * Secondary suppression (privacy.md rule 6), first pass: a fast heuristic over all relations at
 * once, run to a fixpoint. It protects most cells cheaply; the LP audit (audit.ts) then proves or
 * refutes the result, and the gate repairs what the heuristic missed with witness LPs
 * (witness.ts). Key totals and public figures are never chosen.
 *
 * For a suppressed cell x in an equality relation, an outsider knows the sum of the suppressed
 * cells on x's side minus those on the other side. If no other suppressed cell is on the other
 * side, x can move only as far as the suppressed cells on its own side can give way, i.e. their
 * true values (they cannot go below 0). So each suppressed cell needs enough true "mass" of
 * other suppressed cells beside it, or a suppressed cell on the other side (whose own freedom
 * comes from its own relations). The heuristic adds the cheapest such cell: non-totals first,
 * then the smallest value that covers the deficit (privacy.md: cheapest first, totals last).
 */
import {
  PRIMARY,
  PUBLISHED,
  RULE_PPERCENT,
  RULE_THRESHOLD,
  RULE_ZERO,
  SECONDARY,
  type PrimaryResult
} from "./primary.ts";
import type {TableModel} from "./table-model.ts";
import {float64, uint8} from "./arena.ts";

/**
 * What a suppressed cell needs from the other suppressed cells of one relation. A secondary cell
 * chosen to give a primary cell room must itself be able to move that far in its other
 * relations (`carry`), or the room exists only on paper.
 */
function requirement(
  model: TableModel,
  primary: PrimaryResult,
  carry: Float64Array,
  i: number
): {mass: number; count: number} {
  const v = model.value[i];
  if (primary.status[i] === PRIMARY) {
    const rule = primary.rule[i];
    if (rule === RULE_THRESHOLD) return {mass: Math.max(1, primary.protection[i] - v), count: 1};
    if (rule === RULE_PPERCENT) return {mass: Math.max(primary.protection[i], 1e-9), count: 1};
    if (rule === RULE_ZERO) return {mass: primary.protection[i], count: 1};
  }
  // A hidden part that is not sensitive needs nothing of its own, only room for what it carries.
  if (model.hidden[i]) return {mass: carry[i], count: carry[i] > 0 ? 1 : 0};
  // A secondary cell needs a non-empty interval (one other cell, with mass when it is 0), and
  // room for what it carries.
  return {mass: Math.max(carry[i], v > 0 ? 0 : 1), count: 1};
}

/**
 * Chooses the cheapest published cell of relation r to suppress for cell i with a mass deficit.
 * Returns -1 when the relation has no candidate left.
 */
function chooseComplement(
  model: TableModel,
  status: Uint8Array,
  r: number,
  i: number,
  signI: number,
  deficit: number
): number {
  for (const wantSame of [true, false]) {
    let best = -1;
    let bestScore = Infinity;
    for (let k = model.relStart[r]; k < model.relStart[r + 1]; k++) {
      const j = model.relCell[k];
      if (j === i || status[j] !== PUBLISHED || model.fixed[j] || model.key[j]) continue;
      const same = Math.sign(model.relCoef[k]) === signI;
      if (same !== wantSame) continue;
      const v = model.value[j];
      // Score: non-totals before totals; within each, a cell that covers the deficit (smallest
      // first), then the largest of those that do not (fewest extra cells); zeros last of all.
      let score: number;
      if (v <= 0)
        score = 9e15; // a zero adds no room: even a total is better
      else if (v >= deficit) score = v;
      else score = 1e15 - v;
      if (model.isTotal[j]) score += 4e15;
      if (score < bestScore) {
        bestScore = score;
        best = j;
      }
    }
    if (best >= 0) return best;
  }
  return -1;
}

/**
 * How far a suppressed cell must be able to fall when it can rise by `rise`: a threshold cell
 * needs an interval of width k with its value strictly inside, so what rising does not give,
 * falling must (at least 1, at most to 0); a p%-cell needs p below its value (at most to 0); a
 * sensitive zero and a secondary cell need nothing here (a secondary cell's non-empty interval
 * may come from either side).
 */
function downNeed(model: TableModel, primary: PrimaryResult, i: number, rise: number): number {
  if (primary.status[i] !== PRIMARY) return 0;
  const v = model.value[i];
  if (primary.rule[i] === RULE_THRESHOLD) return Math.min(v, Math.max(1, primary.protection[i] - rise));
  if (primary.rule[i] === RULE_PPERCENT) return Math.min(v, primary.protection[i]);
  return 0;
}

/** Position of cell c in relation r's term list. */
function indexIn(model: TableModel, r: number, c: number): number {
  for (let k = model.relStart[r]; k < model.relStart[r + 1]; k++) if (model.relCell[k] === c) return k;
  return -1;
}

/** The one suppressed cell on side `sign` of relation r, or -1. */
function loneOther(model: TableModel, status: Uint8Array, r: number, sign: number): number {
  for (let k = model.relStart[r]; k < model.relStart[r + 1]; k++)
    if (status[model.relCell[k]] !== PUBLISHED && Math.sign(model.relCoef[k]) === sign)
      return model.relCell[k];
  return -1;
}

/**
 * Runs the heuristic from the given status (primary cells set) to a fixpoint, marking added
 * cells SECONDARY. Every relation with a suppressed cell is visited. Returns the number of
 * cells added.
 */
export function secondarySuppression(model: TableModel, primary: PrimaryResult): number {
  const status = primary.status;
  const queued = uint8(model.relCount);
  const queue: number[] = [];
  const push = (r: number) => {
    if (!queued[r] && model.relSense[r] === 0) {
      queued[r] = 1;
      queue.push(r);
    }
  };
  const pushCell = (c: number) => {
    for (let k = model.cellRelStart[c]; k < model.cellRelStart[c + 1]; k++) push(model.cellRel[k]);
  };
  for (let c = 0; c < model.n; c++) if (status[c] !== PUBLISHED) pushCell(c);

  const carry = float64(model.n);
  let added = 0;
  while (queue.length > 0) {
    const r = queue.pop() as number;
    queued[r] = 0;
    const start = model.relStart[r];
    const end = model.relStart[r + 1];
    // Sums of suppressed mass and counts per side of the relation.
    let massPos = 0;
    let massNeg = 0;
    let countPos = 0;
    let countNeg = 0;
    for (let k = start; k < end; k++) {
      const j = model.relCell[k];
      if (status[j] === PUBLISHED) continue;
      const w = Math.abs(model.relCoef[k]) * model.value[j];
      if (model.relCoef[k] > 0) {
        massPos += w;
        countPos++;
      } else {
        massNeg += w;
        countNeg++;
      }
    }
    if (countPos + countNeg === 0) continue;
    for (let k = start; k < end; k++) {
      const i = model.relCell[k];
      if (status[i] === PUBLISHED) continue;
      const positive = model.relCoef[k] > 0;
      if (positive ? countNeg > 0 : countPos > 0) {
        // Delegated to the other side: i rises as far as the cell there can rise in its own
        // relations, so a lone cell there carries i's room (e.g. a category total that is
        // itself small carries the room its buitengebied part needs).
        if ((positive ? countNeg : countPos) === 1) {
          const o = loneOther(model, status, r, positive ? -1 : 1);
          const room = requirement(model, primary, carry, i).mass;
          if (o >= 0 && !model.fixed[o] && room > carry[o] + 1e-9) {
            carry[o] = room;
            pushCell(o);
          }
        }
        continue;
      }
      const coefI = Math.abs(model.relCoef[k]);
      const own = coefI * model.value[i];
      const sameMass = ((positive ? massPos : massNeg) - own) / coefI;
      const sameCount = (positive ? countPos : countNeg) - 1;
      const need = requirement(model, primary, carry, i);
      if (sameCount >= need.count && sameMass >= need.mass - 1e-9) continue;
      const deficit = Math.max(0, need.mass - sameMass);
      const j = chooseComplement(model, status, r, i, positive ? 1 : -1, deficit);
      if (j < 0) continue; // nothing left to suppress here; the audit decides
      // What j must carry upwards in its other relations: on i's side of r, j rises exactly as
      // far as i falls (i rises by taking j's mass, which r itself provides); on the other side,
      // j rises with i by the deficit.
      const coefJ = model.relCoef[indexIn(model, r, j)];
      const sameSide = Math.sign(coefJ) === (positive ? 1 : -1);
      const rise = sameMass + (Math.abs(coefJ) * model.value[j]) / coefI;
      const up = sameSide ? downNeed(model, primary, i, rise) : Math.max(deficit, 1);
      if (up > carry[j]) carry[j] = up;
      status[j] = SECONDARY;
      added++;
      pushCell(j);
      push(r);
      break; // the sums changed: re-evaluate this relation from the queue
    }
  }
  return added;
}
