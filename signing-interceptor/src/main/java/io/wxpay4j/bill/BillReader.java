package io.wxpay4j.bill;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads a downloaded bill line by line, in constant memory, into typed rows and then its summary.
 *
 * <pre>{@code
 * try (BillReader<TradeBillRow, TradeBillSummary> bill = BillReader.trade(Path.of("trade.csv"))) {
 *   while (bill.hasNext()) {
 *     TradeBillRow row = bill.next();   // row.outTradeNo(), row.settlementTotal() in fen, ...
 *   }
 *   TradeBillSummary summary = bill.summary();
 * }
 * }</pre>
 *
 * <p>The file is WeChat Pay's CSV: a header line, detail lines whose values each start with a
 * backtick (removed here), a summary header and one summary line, in UTF-8 with {@code \n} or
 * {@code \r\n} line ends (a leading byte-order mark is skipped). Columns are found by their header
 * names, so reordered, added or old-format columns are read. A malformed value throws {@link
 * WechatPayBillFormatException} naming the line and column; an I/O failure {@link
 * UncheckedIOException}. Not thread-safe; close it (or the {@link #stream()}) when done.
 *
 * @param <R> the row type: {@link TradeBillRow} or {@link FundFlowBillRow}
 * @param <S> the summary type: {@link TradeBillSummary} or {@link FundFlowBillSummary}
 */
public final class BillReader<R, S> implements Iterator<R>, Closeable {
  private interface Section<R, S> {
    Row<R> rows(Columns header, long line);

    S summary(String[] values, Columns header, long line);
  }

  private interface Row<R> {
    R of(String[] values, long line);
  }

  private static final Section<TradeBillRow, TradeBillSummary> TRADE =
      new Section<>() {
        @Override
        public Row<TradeBillRow> rows(Columns header, long line) {
          TradeBillRow.Layout layout = new TradeBillRow.Layout(header, line);
          return (values, at) -> new TradeBillRow(values, header, layout, at);
        }

        @Override
        public TradeBillSummary summary(String[] values, Columns header, long line) {
          return new TradeBillSummary(values, header, line);
        }
      };

  private static final Section<FundFlowBillRow, FundFlowBillSummary> FUND_FLOW =
      new Section<>() {
        @Override
        public Row<FundFlowBillRow> rows(Columns header, long line) {
          FundFlowBillRow.Layout layout = new FundFlowBillRow.Layout(header, line);
          return (values, at) -> new FundFlowBillRow(values, header, layout, at);
        }

        @Override
        public FundFlowBillSummary summary(String[] values, Columns header, long line) {
          return new FundFlowBillSummary(values, header, line);
        }
      };

  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(false).get();

  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final Section<R, S> section;
  private final Columns columns;
  private final Row<R> rows;
  private @Nullable R next;
  private @Nullable S summary;
  private boolean ended;

  private BillReader(Reader reader, Section<R, S> section) {
    this.section = section;
    try {
      this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.records = parser.iterator();
    if (!hasRecord()) {
      closeQuietly();
      throw new WechatPayBillFormatException(0, "the bill is empty: no header line");
    }
    CSVRecord header = records.next();
    this.columns = new Columns(headerNames(header));
    this.rows = section.rows(columns, header.getRecordNumber());
  }

  /** A reader of a trade bill (交易账单, any of {@code ALL}, {@code SUCCESS}, {@code REFUND}). */
  public static BillReader<TradeBillRow, TradeBillSummary> trade(Reader reader) {
    return new BillReader<>(Objects.requireNonNull(reader, "reader == null"), TRADE);
  }

  /** A reader of a trade bill file (UTF-8); closing the reader closes the file. */
  public static BillReader<TradeBillRow, TradeBillSummary> trade(Path file) throws IOException {
    return trade(open(file));
  }

  /** A reader of a fund-flow bill (资金账单). */
  public static BillReader<FundFlowBillRow, FundFlowBillSummary> fundFlow(Reader reader) {
    return new BillReader<>(Objects.requireNonNull(reader, "reader == null"), FUND_FLOW);
  }

  /** A reader of a fund-flow bill file (UTF-8); closing the reader closes the file. */
  public static BillReader<FundFlowBillRow, FundFlowBillSummary> fundFlow(Path file)
      throws IOException {
    return fundFlow(open(file));
  }

  private static BufferedReader open(Path file) throws IOException {
    return Files.newBufferedReader(
        Objects.requireNonNull(file, "file == null"), StandardCharsets.UTF_8);
  }

  /** The detail header's column names, in file order. */
  public List<String> columns() {
    return columns.names;
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (ended || !hasRecord()) {
      ended = true;
      return false;
    }
    CSVRecord record = records.next();
    String[] values = values(record);
    if (values.length > 0 && !record.get(0).startsWith("`")) {
      // No backtick: the summary header. One summary line follows.
      Columns summaryHeader = new Columns(headerNames(record));
      if (!hasRecord()) {
        throw new WechatPayBillFormatException(
            record.getRecordNumber() + 1, "the summary header has no summary line after it");
      }
      CSVRecord line = records.next();
      summary = section.summary(values(line), summaryHeader, line.getRecordNumber());
      ended = true;
      return false;
    }
    next = rows.of(values, record.getRecordNumber());
    return true;
  }

  @Override
  public R next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more rows: the summary follows");
    }
    R result = next;
    next = null;
    return result;
  }

  /**
   * The summary line; any rows not read yet are read (and dropped) first.
   *
   * @throws WechatPayBillFormatException if the bill ends without a summary
   */
  public S summary() {
    while (hasNext()) {
      next();
    }
    if (summary == null) {
      throw new WechatPayBillFormatException(
          0, "the bill ended without a summary section: truncated or not a bill");
    }
    return summary;
  }

  /** The remaining rows as a sequential stream; closing the stream closes this reader. */
  public Stream<R> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::closeQuietly);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  private void closeQuietly() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean hasRecord() {
    try {
      return records.hasNext();
    } catch (UncheckedIOException e) {
      throw e;
    } catch (IllegalStateException e) {
      throw new WechatPayBillFormatException(0, "not a readable CSV bill: " + e.getMessage());
    }
  }

  private static List<String> headerNames(CSVRecord record) {
    List<String> names = new ArrayList<>(record.size());
    for (int i = 0; i < record.size(); i++) {
      String name = record.get(i);
      if (i == 0 && name.startsWith("\uFEFF")) {
        name = name.substring(1);
      }
      names.add(name.trim());
    }
    return names;
  }

  private static String[] values(CSVRecord record) {
    String[] values = new String[record.size()];
    for (int i = 0; i < values.length; i++) {
      String value = record.get(i);
      values[i] = value.startsWith("`") ? value.substring(1) : value;
    }
    return values;
  }
}
