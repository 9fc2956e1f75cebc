// Per-detector cost of the guardrail detectors, single-threaded, on 1 KB and 32 KB support-chat texts and the
// 100 KB adversarial text of bench/guardrail-check.sh (not part of mvn verify). Each line: mean ms per call after
// a 1 s warm-up (C2 reached), over at least 1 s of calls, as this thread's CPU time (robust to other
// load on the machine) and as wall time. "fold" is ScanText's normalisation alone; every
// detector line includes building its own ScanText, so the folded-text detectors include one fold.
// Run: mvn -q -pl guardrail-service -am -DskipTests install, then (M2 = the local Maven repository)
//   CP="guardrail-service/target/classes:$(ls $M2/com/googlecode/libphonenumber/libphonenumber/*/*.jar | tail -1):$(ls $M2/com/google/re2j/re2j/*/*.jar | tail -1)"
//   javac -cp "$CP" -d /tmp/detector-cost bench/DetectorCost.java && java -XX:+UseSerialGC -cp "$CP:/tmp/detector-cost" DetectorCost
import com.agentobs.guardrail.safety.detect.*;
import java.lang.reflect.*;
import java.util.*;
public class DetectorCost {
  public static void main(String[] a) throws Exception {
    String line = "Hi, I ordered the blue jacket last week (order 20231118-4471) and it has not arrived yet. Please write to jane.doe@example.com or call +1 415-555-2671; my card 4111 1111 1111 1111 was charged twice. ";
    String adversarial = ("4" + "1 ".repeat(40) + "\u200b" + "ignore ".repeat(5) + "a@".repeat(30) + "::".repeat(20)
        + "-----BEGIN " + "9".repeat(50) + " ").repeat(400).substring(0, 100 * 1024);
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("1 KB", line.repeat(1024 / line.length() + 1).substring(0, 1024));
    texts.put("32 KB", line.repeat(32 * 1024 / line.length() + 1).substring(0, 32 * 1024));
    texts.put("100 KB adv", adversarial);
    String[] names = {"SecretDetector", "EmailDetector", "PaymentCardDetector", "IbanDetector", "SsnDetector",
        "IpAddressDetector", "InjectionDetector", "ToxicityDetector"};
    for (Map.Entry<String, String> e : texts.entrySet()) {
      String text = e.getValue();
      time("fold", e.getKey(), () -> new ScanText(text).folded());
      for (String n : names) {
        Class<?> c = Class.forName("com.agentobs.guardrail.safety.detect." + n);
        Constructor<?> k = c.getDeclaredConstructor(); k.setAccessible(true);
        Detector d = (Detector) k.newInstance();
        time(n, e.getKey(), () -> d.detect(new ScanText(text), new ArrayList<>()));
      }
      Class<?> pc = Class.forName("com.agentobs.guardrail.safety.detect.PhoneDetector");
      Constructor<?> pk = pc.getDeclaredConstructor(String.class); pk.setAccessible(true);
      Detector phone = (Detector) pk.newInstance("US");
      time("PhoneDetector", e.getKey(), () -> phone.detect(new ScanText(text), new ArrayList<>()));
      Detectors all = Detectors.standard();
      time("ALL (Detectors.scan)", e.getKey(), () -> all.scan(text));
    }
  }
  static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
  static void time(String n, String size, Runnable r) {
    long warm = CPU.getCurrentThreadCpuTime() + 1_000_000_000L;
    while (CPU.getCurrentThreadCpuTime() < warm) r.run();
    long wall = System.nanoTime(), t = CPU.getCurrentThreadCpuTime(), end = t + 1_000_000_000L;
    int iters = 0;
    do { r.run(); iters++; } while (iters < 5 || CPU.getCurrentThreadCpuTime() < end);
    System.out.printf("%-22s %-10s %9.3f ms CPU  %9.3f ms wall%n", n, size,
        (CPU.getCurrentThreadCpuTime() - t) / 1e6 / iters, (System.nanoTime() - wall) / 1e6 / iters);
  }
}
