package org.investlake.storage;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A second process for {@link WarehouseLockTest}: locks the warehouse given as the first argument,
 * prints "locked", waits for a line on stdin (or its end), releases and prints "released".
 */
public final class LockHolderMain {
    private LockHolderMain() {}

    public static void main(String[] args) throws Exception {
        try (WarehouseLock lock = WarehouseLock.on(args[0])
                .command(args.length > 1 ? args[1] : "load")
                .acquire()) {
            System.out.println("locked");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        System.out.println("released");
        System.out.flush();
    }
}
