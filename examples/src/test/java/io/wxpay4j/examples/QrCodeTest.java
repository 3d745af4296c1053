package io.wxpay4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The terminal QR code decodes back to its contents, with the quiet zone around it. */
final class QrCodeTest {
  private static final String CODE_URL = "weixin://wxpay/bizpayurl?pr=8kSfz6t";

  @Test
  void renderedCodeDecodesToTheCodeUrl() throws Exception {
    assertThat(decode(QrCode.render(CODE_URL))).isEqualTo(CODE_URL);
  }

  @Test
  void longerContentsDecodeToo() throws Exception {
    String h5 = "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx2016121516420242444321ca0631331346&package=1405458241";
    assertThat(decode(QrCode.render(h5))).isEqualTo(h5);
  }

  @Test
  void quietZoneOfFourModulesSurroundsTheCode() {
    List<String> lines = QrCode.render(CODE_URL).lines().toList();
    // Four light module rows on top: two text lines of full blocks; four columns of light at each side.
    assertThat(lines.get(0)).matches("█+");
    assertThat(lines.get(1)).matches("█+");
    assertThat(lines.get(lines.size() - 1)).matches("█+");
    for (String line : lines) {
      assertThat(line).startsWith("████").endsWith("████");
      assertThat(line).hasSameSizeAs(lines.get(0));
    }
    // Just inside the quiet zone, the finder pattern's dark border starts.
    assertThat(lines.get(2).charAt(QrCode.QUIET_ZONE)).isNotEqualTo('█');
  }

  @Test
  void invertedDrawingDoesNotDecode() throws Exception {
    // Negative control for the decoding above: the reader checks polarity, so a drawing with light and dark
    // swapped (dark modules as blocks) is not read; the decode test can therefore fail.
    String inverted = QrCode.render(CODE_URL).replace('█', '#').replace(' ', '█').replace('#', ' ')
        .replace('▀', '@').replace('▄', '▀').replace('@', '▄');
    assertThat(decodeOrNull(inverted)).isNull();
  }

  /** Parses the half-block text back into pixels (4×4 per module) and decodes it with ZXing. */
  static String decode(String text) {
    String result = decodeOrNull(text);
    assertThat(result).as("decodes").isNotNull();
    return result;
  }

  private static String decodeOrNull(String text) {
    List<String> lines = text.lines().toList();
    int scale = 4;
    int width = lines.get(0).length() * scale;
    int height = lines.size() * 2 * scale;
    int[] pixels = new int[width * height];
    for (int row = 0; row < lines.size(); row++) {
      String line = lines.get(row);
      for (int column = 0; column < line.length(); column++) {
        char c = line.charAt(column);
        boolean topLight = c == '█' || c == '▀';
        boolean bottomLight = c == '█' || c == '▄';
        for (int dy = 0; dy < 2 * scale; dy++) {
          boolean light = dy < scale ? topLight : bottomLight;
          for (int dx = 0; dx < scale; dx++) {
            pixels[(row * 2 * scale + dy) * width + column * scale + dx] = light ? 0xFFFFFFFF : 0xFF000000;
          }
        }
      }
    }
    try {
      Result result =
          new QRCodeReader()
              .decode(
                  new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels))),
                  Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
      return result.getText();
    } catch (Exception e) {
      return null;
    }
  }
}
