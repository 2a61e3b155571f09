package dev.skim.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU clock ticks of a process's threads by kind, and of the whole machine, from /proc (Linux only;
 * empty or zero elsewhere). A bench's figures are differences of two readings.
 */
final class ThreadTicks {

    private ThreadTicks() {}

    /**
     * Ticks the threads of a process have used so far, by kind: "jit" (the JIT compiler threads),
     * "gc" (garbage collector threads) and "work" (all others, native threads included).
     */
    static Map<String, Long> of(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (var dirs = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) dirs::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long used = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
                String kind =
                        comm.contains("CompilerThre")
                                ? "jit"
                                : comm.startsWith("GC Thread") || comm.startsWith("G1 ")
                                        ? "gc"
                                        : "work";
                ticks.merge(kind, used, Long::sum);
            }
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }

    /**
     * Ticks of the whole machine so far: "busy" (all but idle and iowait) and "all", summed over
     * its CPUs (the first line of /proc/stat).
     */
    static Map<String, Long> machine() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = first.trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                all += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return Map.of("busy", all - idle, "all", all);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }
}
