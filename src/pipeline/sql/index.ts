/** SQL shared by more than one stage. */
export const ESTATE_SQL = new URL('./estate.sql', import.meta.url);
