package org.investlake.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Decodes a CSV's bytes as UTF-8 (with or without BOM) or GBK/GB18030, and refuses anything else.
 * Decoding is strict: a byte sequence invalid in the chosen charset rejects the file rather than
 * turning into replacement characters, so a wrong guess can never load silently.
 */
final class TextDecoder {
    static final Charset GB18030 = Charset.forName("GB18030");

    record Decoded(String text, String encoding) {}

    private TextDecoder() {}

    static Decoded decode(byte[] bytes, String fileName) throws FileRejectedException {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            try {
                return new Decoded(strict(bytes, 3, StandardCharsets.UTF_8), "UTF-8-BOM");
            } catch (CharacterCodingException e) {
                throw new FileRejectedException(
                        "encoding_valid", fileName + ": 文件开头标明是 UTF-8(带BOM),但内容不是有效的 UTF-8 — 请用 UTF-8 或 GBK 重新导出");
            }
        }
        if (bytes.length >= 2
                && ((bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE
                        || (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF)) {
            throw new FileRejectedException("encoding_valid", fileName + ": 文件是 UTF-16 编码,请另存为 UTF-8 或 GBK 的 CSV");
        }
        try {
            return new Decoded(strict(bytes, 0, StandardCharsets.UTF_8), "UTF-8");
        } catch (CharacterCodingException notUtf8) {
            // fall through: the usual Windows export is GBK
        }
        String detected = detect(bytes);
        boolean chineseOrUnknown = detected == null || detected.startsWith("GB") || detected.equals("HZ-GB-2312");
        try {
            String text = strict(bytes, 0, GB18030);
            if (chineseOrUnknown || looksChinese(text)) {
                return new Decoded(text, "GBK");
            }
        } catch (CharacterCodingException notGb) {
            // fall through to the rejection below
        }
        throw new FileRejectedException(
                "encoding_valid",
                fileName + ": 文件编码无法识别(检测为 " + (detected == null ? "未知" : detected)
                        + "),既不是有效的 UTF-8,也不是有效的 GBK — 请用 UTF-8 或 GBK 重新导出");
    }

    private static String strict(byte[] bytes, int offset, Charset cs) throws CharacterCodingException {
        CharsetDecoder d = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return d.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
    }

    private static String detect(byte[] bytes) {
        UniversalDetector detector = new UniversalDetector();
        detector.handleData(bytes, 0, bytes.length);
        detector.dataEnd();
        return detector.getDetectedCharset();
    }

    /** Most non-ASCII characters are common CJK ideographs or CJK punctuation. */
    private static boolean looksChinese(String text) {
        long nonAscii = 0;
        long cjk = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x7f) {
                nonAscii++;
                if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef)) {
                    cjk++;
                }
            }
        }
        return nonAscii == 0 || cjk * 10 >= nonAscii * 9;
    }
}
