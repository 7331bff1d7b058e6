"""Shape of the Diaspora's and Visits' sections: filters above a row of section buttons; a chart, and a pydeck map
over the dashboard's country layer in the second."""

from baseline import chart, country_map, filtered, section

shown, series = filtered()
if section("Map") == "Chart":
    chart(shown, series)
else:
    country_map()
