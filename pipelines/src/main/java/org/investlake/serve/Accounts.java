package org.investlake.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The endpoint's accounts: a small text file beside the warehouse ({@code <warehouse>.users}), one line
 * per user, {@code name:pbkdf2-sha256:iterations:salt:hash} — a random 16-byte salt per user and
 * PBKDF2-HMAC-SHA256 from the JDK, so the file holds no password and no bare hash. Created owner-only
 * (rw-------) and rewritten whole through a temporary file of the same permissions.
 */
public final class Accounts {
    private static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256: slow for a guesser, ~0.2 s per login here. */
    static final int ITERATIONS = 600_000;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private final Path file;

    public Accounts(Path file) {
        this.file = file;
    }

    /** The users file of a warehouse: beside its folder, named after it (./warehouse → ./warehouse.users). */
    public static Accounts beside(String warehouseUri) {
        String s = warehouseUri.replaceAll("/+$", "");
        Path dir;
        if (s.startsWith("file:")) {
            dir = Path.of(URI.create(s));
        } else if (s.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("账户文件放在仓库旁边,只支持本地仓库;" + s + " 不是本地路径。");
        } else {
            dir = Path.of(s).toAbsolutePath().normalize();
        }
        return new Accounts(dir.resolveSibling(dir.getFileName() + ".users"));
    }

    public Path file() {
        return file;
    }

    /** User names, in the order they were added. */
    public List<String> names() {
        return new ArrayList<>(read().keySet());
    }

    /** Adds the user, or sets a new password for an existing one; returns whether the user is new. */
    public synchronized boolean put(String name, char[] password) {
        if (!name.matches("[A-Za-z0-9_.@-]{1,64}")) {
            throw new IllegalArgumentException("用户名「" + name + "」不可用:只能用字母、数字和 _ . @ -,最多 64 个字符。");
        }
        if (password.length == 0) {
            throw new IllegalArgumentException("密码不能为空。");
        }
        for (char c : password) {
            // the HiveServer2 login (SASL PLAIN) does not carry non-ASCII characters reliably: such a password
            // would be stored and then never accepted
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("密码只能用英文字母、数字和符号(不含空格、中文或全角字符):登录协议无法可靠传递其他字符。");
            }
        }
        Map<String, String> users = read();
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        String line = SCHEME + ":" + ITERATIONS + ":" + b64.encodeToString(salt) + ":"
                + b64.encodeToString(hash(password, salt, ITERATIONS));
        boolean added = users.put(name, line) == null;
        write(users);
        return added;
    }

    /** Removes the user; returns whether there was one. */
    public synchronized boolean remove(String name) {
        Map<String, String> users = read();
        boolean removed = users.remove(name) != null;
        if (removed) {
            write(users);
        }
        return removed;
    }

    /** Whether {@code password} is this user's; false for an unknown user (after the same work). */
    public boolean verify(String name, char[] password) {
        String entry = read().get(name);
        String[] f = entry == null ? null : entry.split(":");
        if (f == null || f.length != 4 || !f[0].equals(SCHEME)) {
            hash(password, new byte[16], ITERATIONS); // an unknown name costs the same as a wrong password
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(f[3]);
        byte[] actual = hash(password, b64.decode(f[2]), Integer.parseInt(f[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] hash(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(spec)
                        .getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }

    private Map<String, String> read() {
        Map<String, String> users = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return users;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (!line.isBlank() && !line.startsWith("#") && colon > 0) {
                    users.put(line.substring(0, colon), line.substring(colon + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("无法读取账户文件 " + file + ":" + e.getMessage(), e);
        }
        return users;
    }

    private void write(Map<String, String> users) {
        StringBuilder text =
                new StringBuilder("# investlake serve accounts: name:pbkdf2-sha256:iterations:salt:hash\n");
        users.forEach(
                (name, entry) -> text.append(name).append(':').append(entry).append('\n'));
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".users", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("无法写入账户文件 " + file + ":" + e.getMessage(), e);
        }
    }
}
