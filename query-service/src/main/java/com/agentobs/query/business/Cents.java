package com.agentobs.query.business;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Rounds parts to cents so they add up to the rounded total exactly (largest remainder): rounding
 * each part on its own can be off by up to half a cent per part, and an attribution table that
 * does not sum to the KPI above it is the first thing a finance reader checks.
 */
final class Cents {

	private Cents() {
	}

	static BigDecimal round(BigDecimal v) {
		return v.setScale(2, RoundingMode.HALF_UP);
	}

	static List<BigDecimal> allocate(List<BigDecimal> parts) {
		BigDecimal total = round(parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
		List<BigDecimal> floors = new ArrayList<>(parts.size());
		BigDecimal floorSum = BigDecimal.ZERO;
		for (BigDecimal p : parts) {
			BigDecimal f = p.setScale(2, RoundingMode.FLOOR);
			floors.add(f);
			floorSum = floorSum.add(f);
		}
		int cents = total.subtract(floorSum).movePointRight(2).intValueExact();
		List<Integer> order = IntStream.range(0, parts.size())
			.boxed()
			.sorted(Comparator.comparing((Integer i) -> parts.get(i).subtract(floors.get(i))).reversed()
				.thenComparing(Comparator.naturalOrder()))
			.toList();
		for (int k = 0; k < cents && k < order.size(); k++) {
			int i = order.get(k);
			floors.set(i, floors.get(i).add(new BigDecimal("0.01")));
		}
		return floors;
	}

}
