"""spaCy side of the pipeline: loading the model and the actor ruler."""
