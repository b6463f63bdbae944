/**
 * Mijn Fluvius "Verbruikshistoriek" CSV downloads read into domain readings: pure, line by line, no I/O, so
 * a file of any size streams through in constant memory and every rule is testable on strings. The format
 * as known (header variants, registers, validation statuses, the autumn DST night) is in FLUVIUS.md.
 */
package be.meterkast.csvimport;
