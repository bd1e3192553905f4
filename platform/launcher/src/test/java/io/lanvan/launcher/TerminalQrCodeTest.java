package io.lanvan.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalQrCodeTest {
    @Test
    void theQrCodeDrawnOnTheConsoleDecodesBackToTheUrl() throws Exception {
        String url = "https://192.0.2.2:8443/";
        assertEquals(url, decode(TerminalQrCode.render(url)));
    }

    @Test
    void longerAddressesStillDecode() throws Exception {
        String url = "https://[fd00:0:0:0:0:0:0:2]:18443/";
        assertEquals(url, decode(TerminalQrCode.render(url)));
    }

    /** Reads the half-block drawing back as pixels (block = light) and lets ZXing decode it. */
    private static String decode(String drawing) throws Exception {
        List<String> rows = drawing.lines().toList();
        int width = rows.get(0).length();
        int scale = 4;
        int[] pixels = new int[width * scale * rows.size() * 2 * scale];
        int pixelWidth = width * scale;
        for (int row = 0; row < rows.size(); row++) {
            for (int x = 0; x < width; x++) {
                char cell = rows.get(row).charAt(x);
                boolean topLight = cell == '█' || cell == '▀';
                boolean bottomLight = cell == '█' || cell == '▄';
                paint(pixels, pixelWidth, x, row * 2, topLight, scale);
                paint(pixels, pixelWidth, x, row * 2 + 1, bottomLight, scale);
            }
        }
        LuminanceSource source = new RGBLuminanceSource(pixelWidth, rows.size() * 2 * scale, pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }

    private static void paint(int[] pixels, int pixelWidth, int x, int y, boolean light, int scale) {
        int color = light ? 0xFFFFFF : 0x000000;
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                pixels[(y * scale + dy) * pixelWidth + x * scale + dx] = color;
            }
        }
    }
}
