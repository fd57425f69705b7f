"""How the book is made: layouts (page geometry and styles), press profiles, paper and sheet sizes."""
