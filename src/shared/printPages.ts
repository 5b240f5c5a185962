/**
 * The print view's page numbers, handed in by the PDF pack after a first print: an event on `document` whose
 * detail maps each section id to its page; the view sets `<html data-cars-page-numbers="true">` once they show.
 */
export const PAGE_NUMBERS_EVENT = 'cars:page-numbers';
export type PageNumbers = Record<string, number>;
