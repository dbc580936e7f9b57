import { idCandidates, type IdCandidate } from '../../../core/workbench/captures.ts';

/** How many IDs "Set as variable" offers. */
export const SHOWN_IDS = 6;

/** The IDs "Set as variable" offers for a body: the same search in place and in its worker. */
export const findIds = (text: string): IdCandidate[] => idCandidates(text, SHOWN_IDS);
