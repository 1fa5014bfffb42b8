/// <reference lib="webworker" />
// Insight engine in a worker: the page stays responsive while a long diary is analysed.
import { expose } from 'comlink';
import { analyseDiary, describeInsights, logsHash, type InsightItem, type InsightsResult } from '../shared/insights';
import { analyseRequest, parseMessage } from './messages';

export type AnalyseResponse = { hash: string; unchanged: true } | { hash: string; unchanged: false; result: InsightsResult; items: InsightItem[] };

const api = {
  analyse(message: unknown): AnalyseResponse {
    const { logs, definitions, knownHash } = parseMessage(analyseRequest, message, 'insights request');
    const hash = logsHash(logs, definitions);
    if (knownHash === hash) return { hash, unchanged: true };
    const result = analyseDiary(logs, { definitions });
    return { hash, unchanged: false, result, items: describeInsights(result, { definitions }) };
  },
};

export type InsightsWorkerApi = typeof api;
expose(api);
