"""Shape of the Overview: one Plotly chart and a widget."""

from baseline import widgets_and_chart

widgets_and_chart()
