export { runCli, USAGE } from './cli.js';
export { generateRules, type GenerateResult } from './generate.js';
export { loadSpecs, parseSpecText, expandSpecPaths } from './load.js';
export { renderRuleFiles, ruleFileName } from './render.js';
export { sloRuleGroups, errorBudget, PAGE_CONDITIONS, TICKET_CONDITIONS, type Rule, type RuleGroup } from './rules.js';
export { parseSpecDocument, VIGIL_VERSION, SLOTH_VERSION } from './spec.js';
export { BURN_WINDOWS, SLO_PERIODS, SpecError, type SloModel, type SliQueries, type AlertSpec } from './types.js';
export { longestRuleWindow, retentionDaysFor, expandRuleFiles, exprWindows, durationSeconds, type RuleWindow } from './rule-windows.js';
