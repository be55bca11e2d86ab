package cn.np700.portal.numbers;

import org.springframework.stereotype.Component;

/** Templates group 700 numbers for reading: {@code ${@numberFormats.usage(n)}}, {@code ${@numberFormats.block(c)}}. */
@Component("numberFormats")
public class NumberFormats {

    public String usage(long number) {
        return UsageNumber.display(number);
    }

    public String block(long code) {
        return BlockCode.of(code).display();
    }
}
