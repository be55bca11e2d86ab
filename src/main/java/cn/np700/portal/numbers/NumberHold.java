package cn.np700.portal.numbers;

import cn.np700.portal.suspension.SuspensionReason;
import java.util.List;

/** Why a number takes no calls: its open suspension reasons, and whether its whole block is suspended. */
public record NumberHold(long number, boolean blockSuspended, List<SuspensionReason> reasons) {
}
