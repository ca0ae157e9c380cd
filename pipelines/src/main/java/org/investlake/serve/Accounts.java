package org.investlake.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.permission.FsPermission;
import org.investlake.storage.Locations;

/**
 * The endpoint's accounts: a small text file beside the warehouse ({@code <warehouse>.users}), one line
 * per user, {@code name:pbkdf2-sha256:iterations:salt:hash} — a random 16-byte salt per user and
 * PBKDF2-HMAC-SHA256 from the JDK, so the file holds no password and no bare hash. Created owner-only
 * (rw-------) and rewritten whole through a temporary file of the same permissions, renamed over the old one.
 * Beside a warehouse on HDFS (or another Hadoop file system) it lives there too, written through Hadoop's
 * {@link FileContext} with the same permissions and an atomic rename.
 */
public final class Accounts {
    private static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256: slow for a guesser, ~0.2 s per login here. */
    static final int ITERATIONS = 600_000;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** The local file, or null when the file is on a Hadoop file system ({@link #remote}). */
    private final Path file;

    private final org.apache.hadoop.fs.Path remote;

    public Accounts(Path file) {
        this.file = file;
        this.remote = null;
    }

    private Accounts(org.apache.hadoop.fs.Path remote) {
        this.file = null;
        this.remote = remote;
    }

    /** The accounts in {@code location}: a local path, a {@code file:} URI or a Hadoop URI ({@code hdfs://…}). */
    public static Accounts at(String location) {
        return Locations.isLocal(location)
                ? new Accounts(Locations.localPath(location))
                : new Accounts(new org.apache.hadoop.fs.Path(location));
    }

    /**
     * The users file of a warehouse: beside its folder, named after it (./warehouse → ./warehouse.users,
     * hdfs://nn/investlake → hdfs://nn/investlake.users).
     */
    public static Accounts beside(String warehouseUri) {
        String s = warehouseUri.replaceAll("/+$", "");
        if (!Locations.isLocal(s)) {
            return at(s + ".users");
        }
        Path dir = Locations.localPath(s);
        return new Accounts(dir.resolveSibling(dir.getFileName() + ".users"));
    }

    /** Where the file is: a local path, or a Hadoop URI. */
    public String file() {
        return file != null ? file.toString() : remote.toString();
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
        try {
            String text = readText();
            if (text == null) {
                return users;
            }
            for (String line : text.split("\n")) {
                int colon = line.indexOf(':');
                if (!line.isBlank() && !line.startsWith("#") && colon > 0) {
                    users.put(line.substring(0, colon), line.substring(colon + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("无法读取账户文件 " + file() + ":" + e.getMessage(), e);
        }
        return users;
    }

    private void write(Map<String, String> users) {
        StringBuilder text =
                new StringBuilder("# investlake serve accounts: name:pbkdf2-sha256:iterations:salt:hash\n");
        users.forEach(
                (name, entry) -> text.append(name).append(':').append(entry).append('\n'));
        try {
            if (remote != null) {
                writeRemote(text.toString());
                return;
            }
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
            throw new UncheckedIOException("无法写入账户文件 " + file() + ":" + e.getMessage(), e);
        }
    }

    /** The file's text, or null when there is no file yet. */
    private String readText() throws IOException {
        if (remote == null) {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        }
        FileSystem fs = remote.getFileSystem(new Configuration());
        if (!fs.exists(remote)) {
            return null;
        }
        try (var in = fs.open(remote)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void writeRemote(String text) throws IOException {
        FileContext fc = FileContext.getFileContext(remote.toUri(), new Configuration());
        FsPermission ownerOnly = new FsPermission((short) 0600);
        org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(
                remote.getParent(), "." + remote.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (var out = fc.create(
                    tmp,
                    EnumSet.of(CreateFlag.CREATE),
                    Options.CreateOpts.perms(ownerOnly),
                    Options.CreateOpts.createParent())) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            fc.setPermission(tmp, ownerOnly); // create's permission is masked by the umask
            fc.rename(tmp, remote, Options.Rename.OVERWRITE);
        } finally {
            if (fc.util().exists(tmp)) {
                fc.delete(tmp, false);
            }
        }
    }
}
