namespace BrpBlazor.Core.Application.Products;

/// <summary>The audit log's action names for products, declared once.</summary>
public static class ProductAudit
{
    public const string Created = "product.create";
    public const string Updated = "product.update";
    public const string Retired = "product.retire";
    public const string Reinstated = "product.reinstate";
    public const string Deleted = "product.delete";
}
