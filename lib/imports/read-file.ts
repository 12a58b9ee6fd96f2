import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import ExcelJS from "exceljs";
import { DomainError, ValidationFailed } from "../errors";

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;
export const MAX_ROWS = 50_000;
export const MAX_CELL_CHARACTERS = 1_000;

export type FileType = "csv" | "xlsx";

const fileProblem = (message: string) => ValidationFailed({ file: [message] }, message);

/** CSV (UTF-8 text) or .xlsx (a zip), from the name and the first bytes; anything else is refused. */
export function detectFileType(name: string, bytes: Buffer): FileType {
  if (bytes.length === 0) throw fileProblem("The file is empty.");
  if (bytes.length > MAX_FILE_BYTES) throw fileProblem("The file is larger than 20 MB: split it into smaller files.");
  const lower = name.toLowerCase();
  const zip = bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50;
  if (lower.endsWith(".xlsx") && zip) {
    assertZipSize(bytes);
    return "xlsx";
  }
  if ((lower.endsWith(".csv") || lower.endsWith(".txt")) && !zip && !bytes.subarray(0, 65_536).includes(0) && isUtf8(bytes.subarray(0, 65_536))) return "csv";
  throw fileProblem("Upload a CSV file (UTF-8) or an Excel .xlsx file.");
}

function isUtf8(bytes: Buffer): boolean {
  try {
    // The sample may end inside a character: cut back to the last complete one.
    let end = bytes.length;
    while (end > 0 && end > bytes.length - 4 && (bytes[end - 1] & 0xc0) === 0x80) end--;
    if (end > 0 && bytes[end - 1] >= 0xc0) end--;
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses a zip that would unpack to more than MAX_UNZIPPED_BYTES (a "zip bomb"), reading the sizes
 * its central directory declares before anything is inflated. ZIP64 archives are refused outright.
 */
export function assertZipSize(bytes: Buffer): void {
  const broken = () => fileProblem("This .xlsx file is damaged: save it again from the spreadsheet.");
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--)
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw broken();
  const entries = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || offset === 0xffffffff) throw fileProblem("This .xlsx file is too large to import.");
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) throw broken();
    const size = bytes.readUInt32LE(offset + 24);
    if (size === 0xffffffff) throw fileProblem("This .xlsx file is too large to import.");
    total += size;
    if (total > MAX_UNZIPPED_BYTES) throw fileProblem("This .xlsx file unpacks to more than 100 MB: split it into smaller files.");
    offset += 46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
}

/** Comma or semicolon, whichever the header line uses more (outside quotes). */
export function detectDelimiter(bytes: Buffer): "," | ";" {
  const head = bytes.subarray(0, 65_536).toString("utf8");
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of head) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ",") commas++;
    else if (!quoted && c === ";") semicolons++;
    else if (!quoted && c === "\n") break;
  }
  return semicolons > commas ? ";" : ",";
}

const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted cell is never closed",
  CSV_INVALID_CLOSING_QUOTE: "a quote is closed in the middle of a cell",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "text follows a closing quote",
  CSV_MAX_RECORD_SIZE: "a row is too long",
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: "a row has a different number of cells",
  INVALID_OPENING_QUOTE: "a quote opens in the middle of a cell",
};

/** A cell as text, as a spreadsheet shows it (a formula as its =text, refused by the check). */
function xlsxCell(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("formula" in value || "sharedFormula" in value) return `=${(value as { formula?: string }).formula ?? ""}`;
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("error" in value) return String(value.error);
    return "";
  }
  return String(value);
}

/**
 * The file's rows as arrays of text, streamed: the header row first. Cells are as written: the
 * check tells a formula from Rollcall's own escape of one (`'=…`, `'+507…`) and removes the escape. Broken CSV quoting is a clear
 * message with the line; more than MAX_ROWS data rows stops the read.
 */
export async function* readRows(bytes: Buffer, type: FileType): AsyncGenerator<string[]> {
  let count = 0;
  const tooMany = () => fileProblem(`The file has more than ${MAX_ROWS.toLocaleString("en")} rows: split it into smaller files.`);
  if (type === "csv") {
    const parser = Readable.from([bytes]).pipe(
      parse({
        delimiter: detectDelimiter(bytes),
        // Any line ending, even mixed in one file (a header pasted from the template into a file
        // written elsewhere): left to itself the parser takes the first line's and reads the rest as one row.
        record_delimiter: ["\r\n", "\n", "\r"],
        bom: true,
        relax_column_count: true,
        skip_empty_lines: true,
        max_record_size: 1_000_000,
      }),
    );
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        if (count++ > MAX_ROWS) throw tooMany();
        yield record;
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      // Every refusal of the parser's is the file's problem, said as such, never a 500.
      if (error instanceof CsvError || (code && code in CSV_PROBLEMS)) {
        const line = (error as { lines?: number }).lines;
        const what = (code && CSV_PROBLEMS[code]) || "a cell or a row cannot be read";
        throw fileProblem(
          line
            ? `The file is not valid CSV at line ${line}: ${what}. Save it again as CSV from the spreadsheet.`
            : `The file is not valid CSV: ${what}. Save it again as CSV from the spreadsheet.`,
        );
      }
      throw error;
    } finally {
      parser.destroy();
    }
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        if (values.every((v) => v === null || v === undefined || v === "")) continue;
        if (count++ > MAX_ROWS) throw tooMany();
        yield Array.from(values, (v) => xlsxCell(v));
      }
      break; // the first sheet only
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw fileProblem("This .xlsx file could not be read: save it again from the spreadsheet.");
  }
}

/** The header row, with a duplicated header refused by name, and the first data row as a sample (a file without one is refused). */
export async function readHeaders(bytes: Buffer, type: FileType, normalize: (h: string) => string): Promise<{ headers: string[]; sample: string[] }> {
  let headers: string[] | null = null;
  for await (const row of readRows(bytes, type)) {
    if (headers) {
      if (row.every((c) => c.trim() === "")) continue; // a blank row, which the import skips too
      return { headers, sample: row.map((c) => c.slice(0, 80)) };
    }
    const found = row.map((h) => h.replace(/\uFEFF/g, "").trim());
    if (found.every((h) => h === "")) break;
    const seen = new Map<string, number>();
    found.forEach((h, i) => {
      if (!h) return;
      const key = normalize(h);
      if (seen.has(key))
        throw fileProblem(`The column “${h.slice(0, 60)}” appears twice (columns ${seen.get(key)! + 1} and ${i + 1}): keep one and upload again.`);
      seen.set(key, i);
    });
    headers = found;
  }
  // A header row alone would go through mapping and checking to import nobody.
  if (headers) throw fileProblem("The file has no users under its header row: add a row per user and upload again.");
  throw fileProblem("The file has no header row: the first row names the columns.");
}
