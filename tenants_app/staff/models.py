"""No tables: the roles are auth groups. The module exists so that Django sends this app its
`post_migrate` signal (it skips apps without a models module), which keeps the roles in step."""
