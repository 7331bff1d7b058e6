"""Shape of Diaspora and Visits: a chart and a pydeck map over the dashboard's country layer (the same GeoJSON)."""

from baseline import country_map, widgets_and_chart

widgets_and_chart()
country_map()
