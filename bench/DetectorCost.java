// Per-detector cost of the guardrail detectors on 1 KB and 32 KB support-chat texts (not part of mvn verify).
// Run: mvn -q -pl guardrail-service -am -DskipTests compile, then
//   CP="guardrail-service/target/classes:$(ls ~/.m2/repository/com/googlecode/libphonenumber/libphonenumber/*/*.jar | tail -1):$(ls ~/.m2/repository/com/google/re2j/re2j/*/*.jar | tail -1)"
//   javac -cp "$CP" -d /tmp/detector-cost bench/DetectorCost.java && java -cp "$CP:/tmp/detector-cost" DetectorCost
import com.agentobs.guardrail.safety.detect.*;
import java.lang.reflect.*;
import java.util.*;
public class DetectorCost {
  public static void main(String[] a) throws Exception {
    String line = "Hi, I ordered the blue jacket last week (order 20231118-4471) and it has not arrived yet. Please write to jane.doe@example.com or call +1 415-555-2671; my card 4111 1111 1111 1111 was charged twice. ";
    for (int size : new int[]{1024, 32*1024}) {
      String text = line.repeat(size / line.length() + 1).substring(0, size);
      ScanText st = new ScanText(text);
      String[] names = {"SecretDetector","EmailDetector","PaymentCardDetector","IbanDetector","SsnDetector","IpAddressDetector","InjectionDetector","ToxicityDetector"};
      for (String n : names) {
        Class<?> c = Class.forName("com.agentobs.guardrail.safety.detect." + n);
        Constructor<?> k = c.getDeclaredConstructor(); k.setAccessible(true);
        Detector d = (Detector) k.newInstance();
        time(n, size, () -> { ScanText s = new ScanText(text); d.detect(s, new ArrayList<>()); });
      }
      Class<?> pc = Class.forName("com.agentobs.guardrail.safety.detect.PhoneDetector");
      Constructor<?> pk = pc.getDeclaredConstructor(String.class); pk.setAccessible(true);
      Detector phone = (Detector) pk.newInstance("US");
      time("PhoneDetector", size, () -> phone.detect(new ScanText(text), new ArrayList<>()));
      Detectors all = Detectors.standard();
      time("ALL", size, () -> all.scan(text));
    }
  }
  static void time(String n, int size, Runnable r) {
    for (int i = 0; i < 20; i++) r.run();
    int iters = size > 2000 ? 20 : 200;
    long t = System.nanoTime();
    for (int i = 0; i < iters; i++) r.run();
    System.out.printf("%-20s %6d B  %8.3f ms%n", n, size, (System.nanoTime() - t) / 1e6 / iters);
  }
}
