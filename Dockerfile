# Self-hosting image (not exercised on the development machines: they run no Docker engine).
FROM python:3.11-slim

WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install --no-cache-dir .
COPY app.py ./
COPY pages ./pages
COPY data ./data
COPY seeds ./seeds
COPY decks ./decks
COPY .streamlit ./.streamlit

# The app keeps no state outside sessions and reads immutable files: run as an unprivileged user.
RUN useradd --create-home dashboard
USER dashboard

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health')"
CMD ["streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0"]
