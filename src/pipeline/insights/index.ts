export { parseNoteFile, parseFrontMatterLines, noteFrontMatterSchema, insightNoteSchema, type InsightNote } from './note.ts';
export { renderNoteMarkdown, isSafeLink } from './markdown.ts';
export {
  runInsights,
  readInsightNotes,
  toAudienceSummary,
  insightsWorkDir,
  publicInsightsSchema,
  PUBLIC_INSIGHTS_FILE,
  PRIVATE_INSIGHTS_FILE,
  type PublicInsights,
} from './stage.ts';
