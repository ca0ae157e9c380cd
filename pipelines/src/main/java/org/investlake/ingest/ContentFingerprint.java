package org.investlake.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a delivery's content, beside the SHA-256 of its bytes: a workbook saved again has
 * new bytes (xlsx carries timestamps) but the same cells, and is the same delivery.
 *
 * <p>SHA-256 over the feed and the parsed grid: every row's number and every cell's text as read
 * (so a moved row or an edited cell is new content). Trailing empty cells are left out, because a
 * workbook saved again may extend a row's last cell index without writing anything.
 */
final class ContentFingerprint {
    private ContentFingerprint() {}

    static String of(String feed, Grid grid) {
        Digest d = new Digest(feed);
        grid.rows().forEach(d::add);
        return d.hex();
    }

    /** The same fingerprint taken row by row, for a file streamed rather than held. */
    static final class Digest {
        private final MessageDigest d;

        Digest(String feed) {
            try {
                d = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            update(d, "feed=" + feed);
        }

        void add(Grid.Row r) {
            int last = r.cells().size();
            while (last > 0 && isEmpty(r.cells().get(last - 1))) {
                last--;
            }
            if (last == 0) {
                return; // a blank line carries no content (its number still shifts the rows after it)
            }
            update(d, "row=" + r.number());
            for (int i = 0; i < last; i++) {
                String c = r.cells().get(i);
                update(d, c == null ? "" : c);
            }
        }

        String hex() {
            return HexFormat.of().formatHex(d.digest());
        }
    }

    private static boolean isEmpty(String cell) {
        return cell == null || cell.isEmpty();
    }

    /** Length-prefixed, so no cell text can imitate a boundary between two cells. */
    private static void update(MessageDigest d, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.update(java.nio.ByteBuffer.allocate(4).putInt(b.length).array());
        d.update(b);
    }
}
