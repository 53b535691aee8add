"""actorgraph's data, shipped as a package so that it is found one way in a checkout and in a wheel:
``importlib.resources.files("ontology")`` (see ``graph.queries.ontology_dir``). It holds no code:
the OWL ontology ``actorgraph.ttl``, the SHACL shapes ``shapes.ttl``, the actor dictionary
``actors/*.ttl`` and the canned SPARQL queries ``queries/*.rq``.
"""
