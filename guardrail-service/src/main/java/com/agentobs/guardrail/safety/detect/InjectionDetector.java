package com.agentobs.guardrail.safety.detect;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prompt injection by weighted rules over the folded text (see {@link ScanText}): instruction
 * override, role hijack, system-prompt extraction, chat-template smuggling. Scores combine as
 * independent evidence ({@code 1 − Π(1 − w)}); the text is an injection at {@link #THRESHOLD}. The
 * rules name what is overridden ("previous instructions", not "previous emails"), because benign
 * look-alikes are the common case in support and engineering traffic.
 */
final class InjectionDetector implements Detector {

	static final double THRESHOLD = 0.6;

	/**
	 * One weighted rule. {@code starts} are literal prefixes such that every match of {@code pattern} begins
	 * with one of them (checked against each alternative of the pattern): the rule is only tried, anchored,
	 * where one occurs, so most texts run no regex at all. A start never holds a leetspeak character
	 * ({@code 0 1 ! 3 4 @ 5 $ 7}), so the one keyword pass over the leet-folded form finds the starts of both forms.
	 */
	private record Rule(String name, double weight, Pattern pattern, List<String> starts) {
	}

	private static final String TARGET = "(?:instructions?|directions?|directives?|rules|prompts?|guidelines|guardrails|constraints|context|programming|system (?:prompt|message)|safety (?:rules|guidelines|filters|policies)|(?:your )?training)";

	private static final String QUALIFIERS = "(?:(?:all|any|every|the|your|my|of|previous|prior|above|earlier|preceding|former|original|initial|given|existing|current|system|those|these|that)\\s+){0,5}";

	private static final List<Rule> RULES = List.of(
			new Rule("override", 0.85, Pattern.compile(
					"\\b(?:ignore|disregard|forget|skip|override|bypass|abandon|drop|discard|neglect|nullify|overwrite|cancel)\\s+" + QUALIFIERS + TARGET
							+ "\\b(?!\\s*(?:engine|file|files|table|tables|section|page|about|for (?:the )?(?:doc|readme|font)))"),
					List.of("ignore", "disregard", "forget", "skip", "override", "bypass", "abandon", "drop", "discard", "neglect", "nullify", "overwrite", "cancel")),
			new Rule("override_everything_above", 0.75, Pattern.compile(
					"\\b(?:ignore|disregard|forget)\\s+(?:everything|anything|all|whatever)\\s+(?:above|before this|said before|you were told|previously said|prior)\\b"),
					List.of("ignore", "disregard", "forget")),
			new Rule("override_do_not_follow", 0.8, Pattern.compile(
					"\\b(?:do not|don't|dont|stop|no longer)\\s+(?:follow|following|obey|obeying|adhere to|adhering to|comply with|complying with|listen to|listening to)\\s+" + QUALIFIERS + TARGET + "\\b"),
					List.of("do not", "don't", "dont", "stop", "no longer")),
			new Rule("override_new_instructions", 0.6, Pattern.compile(
					"\\b(?:new|updated|real|actual|true|secret|hidden) (?:instructions|system prompt|directives?)\\s*[:\\-]"),
					List.of("new", "updated", "real", "actual", "true", "secret", "hidden")),
			new Rule("from_now_on", 0.35, Pattern.compile("\\bfrom now on,? (?:you|your|respond|answer|act|only)\\b"),
					List.of("from now on")),
			new Rule("role_hijack", 0.75, Pattern.compile(
					"\\b(?:you are now|you're now|you will now be|from now on you are|act as|pretend (?:to be|you are)|roleplay as|behave like|become)\\s+(?:an? |the |my )?(?:dan\\b|stan\\b|dude\\b|aim\\b|evil|unfiltered|unrestricted|uncensored|jailbroken|unlocked|rogue|amoral|unethical|developer mode|god mode|admin(?:istrator)? mode|root|sudo|an ai (?:without|with no))"),
					List.of("you are now", "you're now", "you will now be", "from now on you are", "act as", "pretend", "roleplay as", "behave like", "become")),
			new Rule("do_anything_now", 0.8, Pattern.compile("\\bdo anything now\\b|\\bdan mode\\b|\\bjailbreak(?:ed)? mode\\b"),
					List.of("do anything now", "dan mode", "jailbreak")),
			new Rule("developer_mode", 0.45, Pattern.compile("\\b(?:enable|activate|enter|switch to|turn on)\\s+(?:the )?(?:developer|debug|god|maintenance|unrestricted) mode\\b(?!\\s+(?:on|in) (?:my|your|the) (?:phone|android|iphone|browser|device|laptop|router|tv|settings|app))"),
					List.of("enable", "activate", "enter", "switch to", "turn on")),
			new Rule("no_restrictions", 0.4, Pattern.compile(
					"\\b(?:without|with no|free of|free from|ignoring|no more|remove all|lift all|disable (?:all|your)?)\\s*(?:any )?(?:restrictions|limitations|filters|censorship|guardrails|safety (?:rules|filters|guidelines)|content polic(?:y|ies)|ethical (?:guidelines|constraints))\\b"),
					List.of("with", "free", "ignoring", "no more", "remove all", "lift all", "disable")),
			new Rule("prompt_extraction", 0.8, Pattern.compile(
					"\\b(?:reveal|show|print|repeat|output|display|leak|dump|expose|recite|echo|write|write out|spell out|paste|give me|tell me|share|send me|list)\\s+(?:me\\s+)?(?:back\\s+)?(?:all\\s+|exactly\\s+|verbatim\\s+)?(?:of\\s+)?(?:your|the|this|its)\\s+(?:(?:full|entire|complete|exact|original|initial|hidden|secret|internal|confidential|first)\\s+)*(?:system\\s+(?:prompt|message|instructions)|(?:initial|hidden|original|secret|internal|developer|pre-?prompt)\\s+(?:prompt|instructions|message)|instructions (?:you were|you've been|you have been) given|prompt above|instructions above)"),
					List.of("reveal", "show", "print", "repeat", "output", "display", "leak", "dump", "expose", "recite", "echo", "write", "spell out", "paste", "give me", "tell me", "share", "send me", "list")),
			new Rule("prompt_extraction_question", 0.6, Pattern.compile(
					"\\bwhat (?:is|are|was|were) (?:your|the) (?:(?:full|exact|original|initial|hidden|secret)\\s+)*(?:system prompt|system instructions|initial instructions|hidden instructions)\\b"),
					List.of("what ")),
			new Rule("repeat_above", 0.65, Pattern.compile("\\brepeat (?:the )?(?:words|text|everything) above\\b|\\bstarting with ['\"]?you are\\b"),
					List.of("repeat", "starting with")),
			new Rule("template_smuggling", 0.75, Pattern.compile(
					"<<\\s*/?sys\\s*>>|\\[/?inst\\]|<\\|im_start\\|>|<\\|im_end\\|>|<\\|system\\|>|<\\|assistant\\|>|<\\|user\\|>|<\\|endoftext\\|>|<\\|begin_of_text\\|>|<\\|start_header_id\\|>|^###\\s*(?:system|instruction)\\s*:|\\bsystem\\s*override\\b"),
					List.of("<<", "[inst]", "[/inst]", "<|", "###", "system")),
			new Rule("authority_claim", 0.35, Pattern.compile(
					"\\b(?:i am|i'm|this is) (?:your|the|an?) (?:developer|creator|administrator|admin|system administrator|openai|anthropic) (?:and|speaking|here)\\b|\\b(?:admin|developer|system) (?:override|command|authorization) (?:code|granted|accepted)?"),
					List.of("i am", "i'm", "this is", "admin", "developer", "system")),
			new Rule("the_above_is_fake", 0.65, Pattern.compile(
					"\\b(?:the )?(?:above|previous|prior) (?:instructions|rules|text|prompt) (?:is|are|was|were) (?:fake|wrong|false|void|cancelled|outdated|a test)\\b"),
					List.of("the ", "above", "previous", "prior")),
			new Rule("exfiltrate", 0.65, Pattern.compile(
					"\\b(?:send|post|upload|forward|exfiltrate|leak)\\s+(?:all\\s+)?(?:the\\s+)?(?:conversation(?: history)?|chat(?: history| log)?|user data|api keys?|credentials|secrets|passwords)\\s+to\\s+(?:https?://|http|www\\.|[a-z0-9-]+\\.[a-z]{2,})"),
					List.of("send", "post", "upload", "forward", "exfiltrate", "leak")));

	/** Every rule start, each once; {@link #RULES_OF} holds, per start, the bit set of the rules it starts. */
	private static final List<String> STARTS = RULES.stream().flatMap((r) -> r.starts().stream()).distinct().toList();

	private static final int[] RULES_OF = new int[STARTS.size()];

	private static final Keywords KEYWORDS = new Keywords(STARTS);

	static {
		if (RULES.size() > Integer.SIZE - 1) {
			throw new IllegalStateException("rule sets are int bit sets: at most 31 rules");
		}
		for (int r = 0; r < RULES.size(); r++) {
			for (String start : RULES.get(r).starts()) {
				RULES_OF[STARTS.indexOf(start)] |= 1 << r;
			}
		}
	}

	@Override
	public void detect(ScanText text, List<Finding> out) {
		double score = score(text.folded());
		if (score >= THRESHOLD) {
			out.add(new Finding(FindingType.PROMPT_INJECTION, "prompt_injection", 0, text.original().length(),
					Math.round(score * 1000) / 1000.0));
		}
	}

	/**
	 * The combined score of the folded text and of its leetspeak-folded form, whichever is higher. One
	 * keyword pass over the leetspeak-folded characters (computed on the fly) finds where rules can start;
	 * a text without any start scores 0 without running a regex, the others try each rule only there.
	 */
	static double score(String folded) {
		int[] hits = new int[16];
		int count = 0;
		boolean leet = false;
		int state = Keywords.start();
		for (int i = 0; i < folded.length(); i++) {
			char c = folded.charAt(i);
			char l = unleet(folded, i);
			leet |= l != c;
			state = KEYWORDS.next(state, l);
			for (int keyword : KEYWORDS.ending(state)) {
				if (count + 2 > hits.length) {
					hits = Arrays.copyOf(hits, hits.length * 2);
				}
				hits[count++] = i + 1 - KEYWORDS.length(keyword);
				hits[count++] = keyword;
			}
		}
		if (count == 0) {
			return 0;
		}
		double score = scoreAt(folded, hits, count);
		if (leet) {
			score = Math.max(score, scoreAt(unleet(folded), hits, count));
		}
		return score;
	}

	/** Rules tried anchored at the hits (pairs of start position, keyword) that can start them. */
	private static double scoreAt(String text, int[] hits, int count) {
		double miss = 1.0;
		for (int r = 0; r < RULES.size(); r++) {
			Rule rule = RULES.get(r);
			Matcher m = rule.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
			for (int h = 0; h < count; h += 2) {
				if ((RULES_OF[hits[h + 1]] & (1 << r)) != 0 && m.region(hits[h], text.length()).lookingAt()) {
					miss *= 1 - rule.weight();
					break;
				}
			}
		}
		return 1 - miss;
	}

	/** The same score with every rule searched over the whole text of both forms: the reference {@link #score} must equal. */
	static double scoreByFullSearch(String folded) {
		double score = fullSearch(folded);
		String leet = unleet(folded);
		return leet.equals(folded) ? score : Math.max(score, fullSearch(leet));
	}

	private static double fullSearch(String text) {
		double miss = 1.0;
		for (Rule rule : RULES) {
			if (rule.pattern().matcher(text).find()) {
				miss *= 1 - rule.weight();
			}
		}
		return 1 - miss;
	}

	/** Every rule start, for tests. */
	static List<String> starts() {
		return STARTS;
	}

	/** Digits and symbols standing in for letters inside words ({@code 1gn0re}), folded back. */
	static String unleet(String folded) {
		StringBuilder out = new StringBuilder(folded.length());
		for (int i = 0; i < folded.length(); i++) {
			out.append(unleet(folded, i));
		}
		return out.toString();
	}

	/** Character {@code i} of {@link #unleet(String)}: next to a letter, a digit or symbol becomes the letter it stands for. */
	static char unleet(String folded, int i) {
		char c = folded.charAt(i);
		if (c >= 'a' && c <= 'z' || c == ' ') {
			return c;
		}
		boolean inWord = (i > 0 && Character.isLetter(folded.charAt(i - 1)))
				|| (i + 1 < folded.length() && Character.isLetter(folded.charAt(i + 1)));
		if (!inWord) {
			return c;
		}
		return switch (c) {
			case '0' -> 'o';
			case '1', '!' -> 'i';
			case '3' -> 'e';
			case '4', '@' -> 'a';
			case '5', '$' -> 's';
			case '7' -> 't';
			default -> c;
		};
	}

}
