package io.wxpay4j.examples;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * Draws a QR code as text with Unicode half blocks, two modules per character cell, with the standard quiet
 * zone of four modules: a phone can scan it off the terminal.
 *
 * <p>Light modules are drawn ({@code █ ▀ ▄}) and dark modules left blank, which is right for the usual light
 * text on a dark background.
 */
final class QrCode {
  /** The quiet zone (light border) the QR code standard asks for, in modules. */
  static final int QUIET_ZONE = 4;

  private QrCode() {}

  /** {@code contents} as a QR code (error correction level M), one text line per two module rows. */
  static String render(String contents) {
    BitMatrix matrix;
    try {
      matrix =
          new QRCodeWriter()
              .encode(
                  contents,
                  BarcodeFormat.QR_CODE,
                  0, // the smallest size: one pixel per module
                  0,
                  Map.of(
                      EncodeHintType.MARGIN, QUIET_ZONE,
                      EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                      EncodeHintType.CHARACTER_SET, "UTF-8"));
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode a QR code of " + contents.length() + " characters", e);
    }
    StringBuilder result = new StringBuilder();
    for (int y = 0; y < matrix.getHeight(); y += 2) {
      for (int x = 0; x < matrix.getWidth(); x++) {
        boolean topLight = !matrix.get(x, y);
        // An odd last row pairs with a light row below: the quiet zone continues.
        boolean bottomLight = y + 1 >= matrix.getHeight() || !matrix.get(x, y + 1);
        result.append(topLight ? (bottomLight ? '█' : '▀') : (bottomLight ? '▄' : ' '));
      }
      result.append('\n');
    }
    return result.toString();
  }
}
