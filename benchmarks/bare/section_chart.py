"""Shape of Trade's sections: filters above a row of section buttons; a chart, and another chart in the second."""

from baseline import chart, filtered, section

shown, series = filtered()
chart(shown, series, bars=section("Another chart") != "Chart")
